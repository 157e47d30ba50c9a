import Foundation
import TensorCore

/// Small synthetic 2-D classification sets, seeded. Each returns points `[N, 2]` and labels.
public enum Synthetic {
    /// The CS231n spiral: `classes` arms of `pointsPerClass` points each. For class `j` and
    /// `i = 0…n−1`: radius `r = i/(n−1)`, angle `t = 4j + 4·i/(n−1) + noise·N(0, 1)`, point
    /// `(r·sin t, r·cos t)`. Not linearly separable; a 2-layer net fits it. Default noise 0.2.
    /// Points are ordered class by class.
    public static func spiral(classes: Int = 3, pointsPerClass: Int = 100, noise: Double = 0.2, seed: UInt64 = 0) -> (points: Tensor, labels: [Int]) {
        precondition(classes >= 1 && pointsPerClass >= 2,
                     "spiral: \(classes) classes of \(pointsPerClass) points; need at least 1 class of 2 points")
        var generator = SeededGenerator(seed: seed)
        var values: [Double] = []
        var labels: [Int] = []
        for j in 0..<classes {
            for i in 0..<pointsPerClass {
                let fraction = Double(i) / Double(pointsPerClass - 1)
                let t = 4 * Double(j) + 4 * fraction + noise * generator.normal()
                values += [fraction * sin(t), fraction * cos(t)]
                labels.append(j)
            }
        }
        return (Tensor(shape: [classes * pointsPerClass, 2], scalars: values), labels)
    }

    /// Gaussian blobs: `pointsPerCenter` points around each centre with standard deviation
    /// `standardDeviation`; the label is the centre's index. Ordered centre by centre.
    public static func blobs(centers: [(Double, Double)], pointsPerCenter: Int = 50, standardDeviation: Double = 0.5, seed: UInt64 = 0) -> (points: Tensor, labels: [Int]) {
        precondition(!centers.isEmpty && pointsPerCenter >= 1, "blobs: need at least one centre and one point per centre")
        var generator = SeededGenerator(seed: seed)
        var values: [Double] = []
        var labels: [Int] = []
        for (k, c) in centers.enumerated() {
            for _ in 0..<pointsPerCenter {
                values += [c.0 + generator.normal(mean: 0, standardDeviation: standardDeviation),
                           c.1 + generator.normal(mean: 0, standardDeviation: standardDeviation)]
                labels.append(k)
            }
        }
        return (Tensor(shape: [centers.count * pointsPerCenter, 2], scalars: values), labels)
    }

    /// XOR: `count` points uniform in `[−1, 1]²`, label 1 when the two coordinates have
    /// different signs (`x·y < 0`), else 0; labels are computed *before* adding Gaussian noise of
    /// `noise` to the coordinates. The classic set no linear model separates.
    public static func xor(count: Int = 200, noise: Double = 0, seed: UInt64 = 0) -> (points: Tensor, labels: [Int]) {
        precondition(count >= 1, "xor: \(count) points; need at least one")
        var generator = SeededGenerator(seed: seed)
        var values: [Double] = []
        var labels: [Int] = []
        for _ in 0..<count {
            let x = generator.uniform(in: -1...1), y = generator.uniform(in: -1...1)
            labels.append(x * y < 0 ? 1 : 0)
            values += [x + noise * generator.normal(), y + noise * generator.normal()]
        }
        return (Tensor(shape: [count, 2], scalars: values), labels)
    }
}
