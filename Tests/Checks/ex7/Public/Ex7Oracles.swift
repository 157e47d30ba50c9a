import Foundation
import TensorCore
import CheckSupport
import Ex7

// The checks' own oracles for ex7, written out in plain loops, and NaN-safe helpers.
// Nothing here calls the exercise except `ex7StudentParameters`, which builds the student's
// parameter type and is only ever called inside `student { }`.

/// The parameters of the 2-layer net, as the checks hold them (plain tensors).
struct Ex7Net {
    var w1: Tensor, b1: Tensor, w2: Tensor, b2: Tensor

    static func constant(inputs: Int, hidden: Int, outputs: Int, value: Double) -> Ex7Net {
        Ex7Net(w1: Tensor(shape: [inputs, hidden], repeating: value), b1: Tensor.zeros([hidden]),
               w2: Tensor(shape: [hidden, outputs], repeating: value), b2: Tensor.zeros([outputs]))
    }
}

/// The student's parameter type built from the check's tensors. Only inside `student { }`.
func ex7StudentParameters(_ p: Ex7Net) -> Ex7.TwoLayerParameters {
    Ex7.TwoLayerParameters(w1: p.w1, b1: p.b1, w2: p.w2, b2: p.b2)
}

/// The oracle of `twoLayerGradients`: L = (1/N)·½Σ(y − t)², with z = x·W1 + b1, h = tanh(z), y = h·W2 + b2.
func ex7OracleTwoLayer(_ p: Ex7Net, x: Tensor, target t: Tensor) -> (loss: Double, gradients: Ex7Net) {
    let (n, d, hidden, k) = (x.shape[0], x.shape[1], p.w1.shape[1], p.w2.shape[1])
    var h = Tensor.zeros([n, hidden]), dy = Tensor.zeros([n, k])
    for i in 0..<n { for j in 0..<hidden {
        var z = p.b1[j]; for m in 0..<d { z += x[i, m] * p.w1[m, j] }; h[i, j] = tanh(z)
    } }
    var loss = 0.0
    for i in 0..<n { for c in 0..<k {
        var y = p.b2[c]; for j in 0..<hidden { y += h[i, j] * p.w2[j, c] }
        loss += 0.5 * (y - t[i, c]) * (y - t[i, c]) / Double(n); dy[i, c] = (y - t[i, c]) / Double(n)
    } }
    var dw1 = Tensor.zeros([d, hidden]), db1 = Tensor.zeros([hidden])
    var dw2 = Tensor.zeros([hidden, k]), db2 = Tensor.zeros([k])
    for i in 0..<n {
        for c in 0..<k {
            db2[c] += dy[i, c]
            for j in 0..<hidden { dw2[j, c] += h[i, j] * dy[i, c] }
        }
        for j in 0..<hidden {
            var dh = 0.0; for c in 0..<k { dh += dy[i, c] * p.w2[j, c] }
            let dz = dh * (1 - h[i, j] * h[i, j])
            db1[j] += dz; for m in 0..<d { dw1[m, j] += x[i, m] * dz }
        }
    }
    return (loss, Ex7Net(w1: dw1, b1: db1, w2: dw2, b2: db2))
}

/// The oracle of `trainTwoLayer`: `steps` steps of plain gradient descent on the oracle's gradients.
func ex7OracleTrain(_ p: Ex7Net, x: Tensor, target: Tensor, learningRate: Double, steps: Int) -> Ex7Net {
    var p = p
    for _ in 0..<steps {
        let g = ex7OracleTwoLayer(p, x: x, target: target).gradients
        p.w1 = p.w1 - learningRate * g.w1
        p.b1 = p.b1 - learningRate * g.b1
        p.w2 = p.w2 - learningRate * g.w2
        p.b2 = p.b2 - learningRate * g.b2
    }
    return p
}

/// Largest difference between any column of `t` [R, C] and its first column; infinity when `t`
/// is not a matrix with at least one column or holds a NaN or an infinity (so NaN never passes).
func ex7ColumnSpread(_ t: Tensor) -> Double {
    guard t.rank == 2, t.shape[0] > 0, t.shape[1] > 0, t.scalars.allSatisfy(\.isFinite) else { return .infinity }
    var worst = 0.0
    for i in 0..<t.shape[0] { for j in 1..<t.shape[1] { let d = abs(t[i, j] - t[i, 0]); if d > worst { worst = d } } }
    return worst
}

/// max − min of the entries; infinity when empty or not finite.
func ex7Spread(_ t: Tensor) -> Double {
    guard t.count > 0, t.scalars.allSatisfy(\.isFinite) else { return .infinity }
    return t.max() - t.min()
}

/// The oracle of `activationStatistics`: draw each layer's weight in order from `generator`,
/// apply the activation, take the mean and population std of all entries.
func ex7OracleStatistics(_ input: Tensor, widths: [Int], activation: (Double) -> Double,
                         draw: ([Int], inout SeededGenerator) -> Tensor, generator: SeededGenerator,
                         naive: Bool = true) -> (means: [Double], stds: [Double]) {
    var generator = generator
    var h = input
    var means: [Double] = [], stds: [Double] = []
    for width in widths {
        let w = draw([h.shape[1], width], &generator)
        h = (naive ? Tensor.naiveMatmul(h, w) : h.matmul(w)).map(activation)
        let mean = h.scalars.reduce(0, +) / Double(h.count)
        let variance = h.scalars.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(h.count)
        means.append(mean)
        stds.append(variance.squareRoot())
    }
    return (means, stds)
}

/// The identity matrix times `scale`.
func ex7Identity(_ n: Int, scale: Double = 1) -> Tensor {
    var t = Tensor.zeros([n, n])
    for i in 0..<n { t[i, i] = scale }
    return t
}

/// Classical Gram–Schmidt of the columns of `a` [R, K], written out.
func ex7OracleGramSchmidt(_ a: Tensor) -> Tensor {
    let (rows, columns) = (a.shape[0], a.shape[1])
    var q: [[Double]] = []
    for k in 0..<columns {
        let column = (0..<rows).map { a[$0, k] }
        var v = column
        for previous in q {
            let dot = zip(previous, column).reduce(0) { $0 + $1.0 * $1.1 }
            for i in 0..<rows { v[i] -= dot * previous[i] }
        }
        let norm = v.reduce(0) { $0 + $1 * $1 }.squareRoot()
        q.append(v.map { $0 / norm })
    }
    var expected = Tensor.zeros([rows, columns])
    for k in 0..<columns { for i in 0..<rows { expected[i, k] = q[k][i] } }
    return expected
}

/// True when every entry is finite and |w| ≤ limit (a NaN is never inside).
func ex7AllWithin(_ w: Tensor, _ limit: Double) -> Bool {
    w.scalars.allSatisfy { $0.isFinite && abs($0) <= limit }
}

/// The oracle of `orthogonal(shape, gain:)`: rows = shape[0], cols = the product of the other
/// sizes; the Gram–Schmidt Q of a Gaussian [max(rows, cols), min(rows, cols)] drawn from
/// `generator`, Q itself when rows ≥ cols (a square W is Q, not Qᵀ), else Qᵀ; times gain, in `shape`.
func ex7OracleOrthogonal(_ shape: [Int], gain: Double = 1, using generator: inout SeededGenerator) -> Tensor {
    let rows = shape[0], columns = shape.dropFirst().reduce(1, *)
    let q = ex7OracleGramSchmidt(Tensor.normal([Swift.max(rows, columns), Swift.min(rows, columns)], using: &generator))
    return ((rows >= columns ? q : q.transposed()) * gain).reshaped(shape)
}
