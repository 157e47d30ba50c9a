import XCTest
import TensorCore
@testable import DeepLearning

/// The trainable digits CNN (`DigitsNet.makeModel`): it is the network the table describes,
/// its shapes are right, it is seeded, and its backward pass agrees with centred differences.
final class DigitsNetTests: XCTestCase {
    func testModelMatchesTheTable() {
        let model = DigitsNet.makeModel(seed: 3)
        let table = DigitsNet.table()
        XCTAssertEqual(model.layers.count, table.rows.count, "one real layer per table row")
        XCTAssertEqual(model.parameterCount, table.totalParameters)
        XCTAssertEqual(model.layers.map(\.parameterCount).filter { $0 > 0 }, table.parameterCounts)
        let walked = model.shapeTable(inputShape: [5] + DigitsNet.inputShape)
        XCTAssertEqual(walked.rows.map { Array($0.outputShape.dropFirst()) }, table.rows.map(\.outputShape),
                       "the real layers walk the same shapes as the table")
        XCTAssertEqual(model.parameterNames.first, "0.weight")
    }

    func testSeededInitialisation() {
        XCTAssertEqual(DigitsNet.makeModel(seed: 1).parameters, DigitsNet.makeModel(seed: 1).parameters)
        XCTAssertNotEqual(DigitsNet.makeModel(seed: 1).parameters[0], DigitsNet.makeModel(seed: 2).parameters[0])
        let biases = DigitsNet.makeModel(seed: 1).parameters.enumerated().filter { $0.offset % 2 == 1 }.map(\.element)
        XCTAssertTrue(biases.allSatisfy { $0.scalars.allSatisfy { $0 == 0 } }, "biases start at zero")
        XCTAssertNotNil(DigitsNet.firstConvolution(of: DigitsNet.makeModel()))
    }

    /// `convolutionPrecision` reaches every convolution, leaves the weights alone, and the Float
    /// network's output stays within Float rounding of the Double one.
    func testConvolutionPrecision() {
        var double = DigitsNet.makeModel(seed: 4), float = DigitsNet.makeModel(seed: 4, convolutionPrecision: .float)
        XCTAssertEqual(double.parameters, float.parameters)
        let precisions = float.layers.compactMap { $0.unwrapped(as: Conv2D.self)?.precision }
        XCTAssertEqual(precisions, [.float, .float])
        XCTAssertEqual(double.layers.compactMap { $0.unwrapped(as: Conv2D.self)?.precision }, [.double, .double])
        var generator = SeededGenerator(seed: 5)
        let x = Tensor.normal([3, 1, 8, 8], using: &generator)
        var context = ForwardContext(training: false)
        let yd = double.forward(x, context: &context).output, yf = float.forward(x, context: &context).output
        let difference = (yd - yf).scalars.map { $0 * $0 }.reduce(0, +).squareRoot()
        let size = yd.scalars.map { $0 * $0 }.reduce(0, +).squareRoot()
        XCTAssertGreaterThan(difference, 0, "the Float convolutions computed in Double?")
        XCTAssertLessThan(difference, 1e-5 * size, "Float convolutions far from the Double network: ‖Δ‖ = \(difference), ‖y‖ = \(size)")
    }

    func testForwardAndBackwardShapes() {
        var model = DigitsNet.makeModel(seed: 0)
        let x = randomTensor([3, 1, 8, 8], seed: 4)
        var context = ForwardContext(training: true)
        let (logits, cache) = model.forward(x, context: &context)
        XCTAssertEqual(logits.shape, [3, 10])
        let (_, gradient) = softmaxCrossEntropy(logits: logits, labels: [0, 4, 9])
        let (dx, grads) = model.backward(gradient, cache: cache)
        XCTAssertEqual(dx.shape, x.shape)
        XCTAssertEqual(grads.map(\.shape), model.parameters.map(\.shape))
        XCTAssertTrue(grads.allSatisfy(\.isFinite))
    }

    /// Centred differences on the full input and on a seeded sample of entries of every
    /// parameter (all 13,706 would take too long in a debug build), for a tiny batch of 2.
    func testGradientCheckOnATinyBatch() {
        var model = DigitsNet.makeModel(seed: 5)
        let x = randomTensor([2, 1, 8, 8], seed: 6)
        let upstream = randomTensor([2, 10], seed: 7)
        func loss(_ parameters: [Tensor], _ input: Tensor) -> Double {
            var m = model
            m.parameters = parameters
            var context = ForwardContext(training: true)
            return (m.forward(input, context: &context).output * upstream).sum()
        }
        var context = ForwardContext(training: true)
        let (_, cache) = model.forward(x, context: &context)
        let (dx, grads) = model.backward(upstream, cache: cache)
        let parameters = model.parameters
        let h = 1e-5
        let numericDX = numericGradient(at: x) { loss(parameters, $0) }
        XCTAssertLessThan(relativeError(dx, numericDX), 1e-6, "input gradient")
        var generator = SeededGenerator(seed: 8)
        for (p, tensor) in parameters.enumerated() {
            for _ in 0..<6 {
                let i = Int.random(in: 0..<tensor.count, using: &generator)
                var plus = parameters, minus = parameters
                var a = plus[p].scalars; a[i] += h; plus[p] = Tensor(shape: tensor.shape, scalars: a)
                var b = minus[p].scalars; b[i] -= h; minus[p] = Tensor(shape: tensor.shape, scalars: b)
                let numeric = (loss(plus, x) - loss(minus, x)) / (2 * h)
                let analytic = grads[p].scalars[i]
                XCTAssertEqual(analytic, numeric, accuracy: 1e-6 * max(1, abs(numeric)),
                               "\(model.parameterNames[p])[\(i)]: analytic \(analytic), numeric \(numeric)")
            }
        }
    }
}
