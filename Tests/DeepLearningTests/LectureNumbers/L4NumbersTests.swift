import XCTest
import Foundation
import TensorCore
@testable import DeepLearning

/// Every number quoted in lectures/L4-initialization.md.
final class L4LectureNumbersTests: XCTestCase {
    let note = lecture("L4")

    /// §1: two hidden units with equal weight columns [0.5, 0.5] stay identical.
    func testSymmetry() {
        let layer = Dense(weight: Tensor([[0.5, 0.5], [0.5, 0.5]]), bias: Tensor([0, 0]))
        var context = ForwardContext(training: true)
        let x = Tensor([[0.3, -1.2], [2, 0.7]])
        let (y, cache) = layer.forward(x, context: &context)
        XCTAssertEqual(y[0, 0], y[0, 1])
        XCTAssertEqual(y[1, 0], y[1, 1])
        let dW = layer.backward(Tensor([[1, 1], [-0.5, -0.5]]), cache: cache).parameterGradients[0]
        XCTAssertEqual(dW[0, 0], dW[0, 1])
        XCTAssertEqual(dW[1, 0], dW[1, 1])
        assertQuoted("both equal\n$[\(short(0.5)), \(short(0.5))]$", in: note)
    }

    /// Introduction, §1, §5 and the conventions: figures from the literature and other libraries.
    func testCitations() {
        assertCited("10,000-layer networks", source: "Xiao et al.", in: note)
        assertCited("CNNs with 10,000 layers", source: "Xiao, Bahri, Sohl-Dickstein, Schoenholz and Pennington (ICML 2018)", in: note)
        assertCited("a small positive bias such as 0.1", source: "Goodfellow et al., §8.4", in: note)
        assertCited("`kaiming_uniform_` with $a = \\sqrt5$", source: "PyTorch's layers default", in: note)
    }

    /// §1 and the conventions: `Dense` and `Conv2D` start with zero biases and Glorot-uniform
    /// weights (the limit read off the reference draws equals `Initializers.glorotUniform`'s).
    func testDefaultLayerInitialization() {
        var generator = SeededGenerator(seed: 5)
        let dense = Dense(inputSize: 30, outputSize: 20, using: &generator)
        let conv = Conv2D(inChannels: 3, outChannels: 16, kernelSize: 3, using: &generator)
        let biases = dense.bias.scalars + conv.bias.scalars
        XCTAssertEqual(biases.map(abs).max(), 0)
        let zero = inWords(Int(biases.map(abs).max()!))
        assertQuoted("Biases can safely start at \(zero) (the weights\nalready differ)", in: note)
        assertQuoted("use **Glorot uniform** weights and \(zero)\n  biases", in: note)
        let denseLimit = uniformLimit([30, 20]) { shape, g in Dense(inputSize: shape[0], outputSize: shape[1], using: &g).weight }
        XCTAssertEqual(denseLimit, uniformLimit([30, 20]) { s, g in Initializers.glorotUniform(s, using: &g) }, accuracy: 1e-12)
        let convLimit = uniformLimit([16, 3, 3, 3]) { shape, g in Conv2D(inChannels: shape[1], outChannels: shape[0], kernelSize: shape[2], using: &g).weight }
        XCTAssertEqual(convLimit, uniformLimit([16, 3, 3, 3]) { s, g in Initializers.glorotUniform(s, using: &g) }, accuracy: 1e-12)
    }

    /// The infinite-width ("mean-field") prediction of the activation spread: with inputs of
    /// second moment q, a layer gives z ~ N(0, D·σ_w²·q); h = act(z); the std of h and the next
    /// q = E[h²] follow by numerical integration over the Gaussian, using the reference activations.
    private func meanFieldStandardDeviations(activation: String, weightStd: Double, width: Int = 512, depth: Int = 10,
                                             bias: Double = 0) -> [Double] {
        let u = (-6000...6000).map { Double($0) / 500 }                  // [−12, 12], step 0.002
        let density = u.map { exp(-$0 * $0 / 2) / (2 * Double.pi).squareRoot() * 0.002 }
        var q = 1.0
        var result: [Double] = []
        for _ in 0..<depth {
            let s = (Double(width) * weightStd * weightStd * q).squareRoot()
            let z = Tensor(u.map { $0 * s + bias })
            let h = (activation == "tanh" ? tanh(z) : relu(z)).scalars
            var mean = 0.0, second = 0.0
            for i in h.indices { mean += density[i] * h[i]; second += density[i] * h[i] * h[i] }
            result.append((second - mean * mean).squareRoot())
            q = second
        }
        return result
    }

    /// §2: the simulated activation statistics. The note's values come from one seeded Python run
    /// (finite width, so they are approximate); here they are checked loosely against the
    /// infinite-width prediction: within 2 % for tanh, within 12 % for ReLU (whose finite-width
    /// drift over 10 layers is larger).
    func testActivationStatisticsTable() {
        let (width, depth, bias, layers) = (512, 10, 0.0, [1, 5, 10])
        let d = Double(width)
        // The premises of the run; the number of inputs belongs to the Python run only (the
        // infinite-width prediction below averages over the whole Gaussian).
        assertCited("1,000 Gaussian\ninputs", source: "one seeded Python run", in: note)
        assertQuoted("inputs through \(depth) layers of width \(width), weights $\\mathcal N(0, \\sigma_w^2)$, biases \(short(bias)).", in: note)
        assertQuoted("after layers \(layers[0]), \(layers[1]) and \(layers[2]).", in: note)
        assertQuoted("| non-linearity, weight std | " + layers.map { "layer \($0)" }.joined(separator: " | ") + " | what happens |", in: note)
        assertQuoted("($D_a\\sigma_w^2 = \(fixed(d * 0.2 * 0.2, 1))$)", in: note)
        let rows: [(label: String, activation: String, std: Double, tolerance: Double)] = [
            ("| tanh, $\\sigma_w = 0.01$ |", "tanh", 0.01, 0.02),
            ("| tanh, $\\sigma_w = 0.2$ ($D_a\\sigma_w^2 = 20.5$) |", "tanh", 0.2, 0.02),
            ("| tanh, $\\sigma_w = 1/\\sqrt{D_a}$ (Xavier) |", "tanh", 1 / d.squareRoot(), 0.02),
            ("| ReLU, $\\sigma_w = 1/\\sqrt{D_a}$ |", "relu", 1 / d.squareRoot(), 0.12),
            ("| ReLU, $\\sigma_w = \\sqrt{2/D_a}$ (He) |", "relu", (2 / d).squareRoot(), 0.12),
        ]
        for row in rows {
            let predicted = meanFieldStandardDeviations(activation: row.activation, weightStd: row.std, width: width, depth: depth, bias: bias)
            guard let start = note.range(of: row.label) else { XCTFail("no row \(row.label)"); continue }
            let line = note[start.upperBound...].prefix { $0 != "\n" }
            let cells = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            XCTAssertEqual(cells.count, 4, "\(row.label): layer 1, 5, 10 and a comment")
            for (cell, layer) in zip(cells.prefix(3), layers) {
                let quoted = parseQuoted(cell)
                XCTAssertNotNil(quoted, "\(row.label) layer \(layer): cannot read \(cell)")
                let model = predicted[layer - 1]
                XCTAssertEqual(quoted ?? 0, model, accuracy: row.tolerance * model,
                               "\(row.label) layer \(layer): the note says \(cell), the infinite-width prediction is \(model)")
            }
        }
        assertQuoted("to within \(Int(rows[0].tolerance * 100)) % for tanh\nand \(Int(rows[3].tolerance * 100)) % for ReLU", in: note)
        // ReLU with 1/√D_a halves the variance each layer: a factor 2 (the He correction).
        let relu = meanFieldStandardDeviations(activation: "relu", weightStd: 1 / d.squareRoot())
        XCTAssertEqual(pow(relu[0] / relu[1], 2), 2, accuracy: 1e-6)
        assertQuoted("loses a factor \(Int(pow(relu[0] / relu[1], 2).rounded())) in variance per layer", in: note)
        assertQuoted("halves the variance each layer", in: note)
        // σ_w = 0.2: pre-activations of std √(D·σ_w²·q) ≈ 4; beyond two of those, tanh is ±1 and
        // tanh' is 0 to four decimals.
        let q = pow(meanFieldStandardDeviations(activation: "tanh", weightStd: 0.2)[depth - 1], 2)
        let far = Tensor([-2, 2]) * (d * 0.2 * 0.2 * q).squareRoot()
        let saturated = tanh(far).scalars, slope = tanhDerivative(far).scalars
        XCTAssertEqual(saturated[0], -saturated[1])
        assertQuoted("saturates at ±\(short(saturated[1], maxDigits: 4)), $\\tanh' \\approx \(short(slope.max()!, maxDigits: 4))$", in: note)
    }

    /// Reads "0.216", "0.00056" or "$3.3\times10^{-7}$".
    private func parseQuoted(_ cell: String) -> Double? {
        if let plain = Double(cell) { return plain }
        let stripped = cell.replacingOccurrences(of: "$", with: "")
        let parts = stripped.components(separatedBy: "\\times10^{")
        guard parts.count == 2, let mantissa = Double(parts[0]),
              let exponent = Double(parts[1].replacingOccurrences(of: "}", with: "")) else { return nil }
        return mantissa * pow(10, exponent)
    }

    /// §3: Glorot limits, variances and conv fans; erratum 2.
    func testGlorot() {
        /// The reference's limit a for `shape` and the sum of fans; a²·(fan_in + fan_out) is the 6.
        func limit(_ shape: [Int]) -> (Double, Int) {
            let (fanIn, fanOut) = fans(forShape: shape)
            return (uniformLimit(shape) { s, g in Initializers.glorotUniform(s, using: &g) }, fanIn + fanOut)
        }
        let dense = [784, 256]
        let (a784, sum784) = limit(dense)
        let six = Int((a784 * a784 * Double(sum784)).rounded())
        XCTAssertEqual(a784 * a784 * Double(sum784), 6, accuracy: 1e-9)
        assertQuoted("\(dense[0]) → \(dense[1]): $a = \\sqrt{\(six)/\(sum784)} = \(fixed(a784, 4))$", in: note)
        let square = [100, 100]
        let (a100, sum100) = limit(square)
        assertQuoted("A \(square[0]) → \(square[1]) layer:\n$a = \\sqrt{\(six)/\(sum100)} = \(fixed(a100, 4))$, variance $\(fixed(a100, 4))^2/3 = \(short(a100 * a100 / 3)) = 2/\(sum100)$", in: note)
        let kernel = [16, 3, 3, 3]
        let (fanIn, fanOut) = fans(forShape: kernel)
        let (aConv, sumConv) = limit(kernel)
        assertQuoted("\(kernel[0]) filters of\n\(kernel[2])×\(kernel[3]) over \(kernel[1]) channels give fans \(fanIn) and \(fanOut) and $a = \\sqrt{\(six)/\(sumConv)} = \(fixed(aConv, 4))$", in: note)
        // Glorot normal: σ²·(fan_in + fan_out) is the 2 of σ = √(2/(fan_in + fan_out)).
        let sigma = normalScale([100, 100]) { s, g in Initializers.glorotNormal(s, using: &g) }
        let two = sigma * sigma * Double(sum100)
        XCTAssertEqual(two, 2, accuracy: 1e-9)
        assertQuoted("as a normal distribution $\\sigma = \\sqrt{\(Int(two.rounded()))/(\\text{fan}_{\\text{in}} + \\text{fan}_{\\text{out}})}$", in: note)
        // The drawn weights really lie in ±a and fill it (variance a²/3).
        var generator = SeededGenerator(seed: 4)
        let w = Initializers.glorotUniform([100, 100], using: &generator)
        XCTAssertLessThanOrEqual(w.scalars.map(abs).max()!, a100)
        XCTAssertEqual(w.scalars.map { $0 * $0 }.reduce(0, +) / Double(w.count), 0.01, accuracy: 0.0005)
        // Erratum 2: U(0, 1/√(784 + 256)).
        let upper = 1 / Double(sum784).squareRoot()
        assertQuoted("$U(0, \(fixed(upper, 4)))$ has mean \(fixed(upper / 2, 4))", in: note)
    }

    /// §4: He's standard deviation and erratum 3; the uniform/normal factor 3.
    func testHe() {
        let fanIn = 256
        let sigma = normalScale([fanIn, 64], Initializers.heNormal)
        let two = sigma * sigma * Double(fanIn)
        XCTAssertEqual(two, 2, accuracy: 1e-9)
        assertQuoted("For $D_a = \(fanIn)$: $\\sigma_w = \\sqrt{\(Int(two.rounded()))/\(fanIn)} = \(fixed(sigma, 4))$", in: note)
        assertQuoted("In NumPy terms,\n`randn(n) * sqrt(\(fixed(two.rounded(), 1))/n)`", in: note)
        // He uniform: a²·D_a is the 6, and the variance a²/3 equals He normal's σ².
        let a = uniformLimit([fanIn, 64], Initializers.heUniform)
        let six = a * a * Double(fanIn)
        XCTAssertEqual(six, 6, accuracy: 1e-9)
        XCTAssertEqual(a * a / 3, sigma * sigma, accuracy: 1e-15)
        let n = Int(six.rounded())
        assertQuoted("or the uniform version $U(-\\sqrt{\(n)/D_a}, +\\sqrt{\(n)/D_a})$ with the same variance", in: note)
        var generator = SeededGenerator(seed: 3)
        let w = Initializers.heNormal([fanIn, fanIn], using: &generator)
        let drawnStd = (w.scalars.map { $0 * $0 }.reduce(0, +) / Double(w.count)).squareRoot()
        XCTAssertEqual(drawnStd, sigma, accuracy: 0.01 * sigma)
        let garbled = 1 / (2.0.squareRoot() * Double(fanIn))
        assertQuoted("$1/(\\sqrt2\\cdot\(fanIn)) = \(fixed(garbled, 5))$ instead of \(fixed(sigma, 4))", in: note)
        let ratio = sigma / garbled
        assertQuoted("**\(Int(ratio.rounded())) times** too\n> small", in: note)
        // The ratio √(2/D)·√2·D = 2√D, for any width.
        let coefficients = [256, 1024].map { d -> Double in
            let sigma = normalScale([d, 8], Initializers.heNormal)
            return sigma * 2.0.squareRoot() * Double(d) / Double(d).squareRoot()
        }
        XCTAssertEqual(coefficients[0], coefficients[1], accuracy: 1e-9)
        assertQuoted("(the ratio is $\(Int(coefficients[0].rounded()))\\sqrt{D_a}$)", in: note)

        // √(6/n) used as a standard deviation, or √(2/n) as a uniform limit: the variance of
        // the reference draws is off by the same factor.
        generator = SeededGenerator(seed: 6)
        let uniform = Initializers.heUniform([fanIn, fanIn], using: &generator).scalars
        let asStd = (a * a) / meanSquare(uniform)
        let asLimit = (sigma * sigma) / meanSquare(Initializers.uniform([fanIn, fanIn], limit: sigma, using: &generator).scalars)
        XCTAssertEqual(asStd, asLimit, accuracy: 0.05)
        XCTAssertEqual(asStd, 3, accuracy: 0.05)
        assertQuoted("changes the variance by a factor \(Int(asStd.rounded()))", in: note)
    }

    /// §5: products of 50 random 100×100 matrices — Gaussian/√100 versus orthogonal.
    func testProductsOfRandomMatrices() {
        let n = 100, count = 50
        var generator = SeededGenerator(seed: 0)
        var gaussian = identity(n), orthogonal = identity(n)
        for _ in 0..<count {
            let g = Tensor.normal([n, n], standardDeviation: 1 / Double(n).squareRoot(), using: &generator).scalars
            gaussian = multiply(gaussian, g, n)
        }
        // Drawing an orthogonal matrix is slow in a debug build, so the 50 factors are one
        // reference draw Q (still a product of 50 orthogonal matrices, Q⁵⁰, by repeated squaring).
        var power = Initializers.orthogonal([n, n], using: &generator).scalars
        var exponent = count
        while exponent > 0 {
            if exponent & 1 == 1 { orthogonal = multiply(orthogonal, power, n) }
            exponent >>= 1
            if exponent > 0 { power = multiply(power, power, n) }
        }
        // Largest singular value of the Gaussian product (power iteration on PᵀP) and an upper
        // bound on the smallest (the smallest Gram–Schmidt pivot |R_ii|).
        let largest = largestSingularValue(gaussian, n)
        let smallestBound = smallestPivot(gaussian, n)
        XCTAssertGreaterThan(largest, 0.1)
        XCTAssertLessThan(largest, 10, "the largest singular value is of order 1")
        assertQuoted("the largest about \(fixed(largest, 1)) (in one seeded run)", in: note)
        XCTAssertLessThan(smallestBound / largest, 1e-10, "most directions are annihilated")
        assertQuoted("spread over more than ten orders of magnitude", in: note)
        // The orthogonal product: PᵀP = I, so every singular value is 1.000.
        let gram = multiply(transpose(orthogonal, n), orthogonal, n)
        var worst = 0.0
        for i in 0..<n { for j in 0..<n { worst = max(worst, abs(gram[i * n + j] - (i == j ? 1 : 0))) } }
        XCTAssertLessThan(worst, 1e-9)
        assertQuoted("the product of \(count) orthogonal matrices has every singular value equal to \(fixed(1 + worst, 3))", in: note)
        assertQuoted("product of \(count) random \(n)×\(n)\nGaussian matrices scaled by $1/\\sqrt{\(n)}$", in: note)
    }

    /// §5 and the conventions: an orthogonal draw has every singular value 1 and keeps norms;
    /// a tensor is viewed as `[shape[0], rest]`; the default gain is 1.
    func testOrthogonalInitialization() {
        let n = 40
        var generator = SeededGenerator(seed: 8)
        let w = Initializers.orthogonal([n, n], using: &generator).scalars
        let largest = largestSingularValue(w, n), smallest = smallestPivot(w, n)
        XCTAssertEqual(largest, 1, accuracy: 1e-9)
        XCTAssertEqual(smallest, 1, accuracy: 1e-9)   // σ_min ≤ min |R_ii| = 1 ≤ σ_max = 1
        let x = Tensor.normal([n], using: &generator).scalars
        let wx = (0..<n).map { i in (0..<n).map { w[i * n + $0] * x[$0] }.reduce(0, +) }
        let normRatio = (wx.map { $0 * $0 }.reduce(0, +) / x.map { $0 * $0 }.reduce(0, +)).squareRoot()
        XCTAssertEqual(normRatio, 1, accuracy: 1e-12)
        let one = short(largest, maxDigits: 6)
        assertQuoted("Orthogonal matrices have\n**all** singular values equal to \(one)", in: note)
        assertQuoted("(\\text{all singular values } = \(short(smallest, maxDigits: 6)),\\ \\|Wx\\| = \\|x\\|)", in: note)
        // A kernel [4, 2, 3, 3] is a wide 4×18 matrix with orthonormal rows, each of length `gain`.
        let kernel = Initializers.orthogonal([4, 2, 3, 3], using: &generator).scalars
        let columns = 2 * 3 * 3
        var worst = 0.0, gain = 0.0
        for i in 0..<4 {
            for j in 0..<4 {
                let dot = (0..<columns).map { kernel[i * columns + $0] * kernel[j * columns + $0] }.reduce(0, +)
                if i == j { gain = max(gain, dot.squareRoot()) } else { worst = max(worst, abs(dot)) }
            }
        }
        XCTAssertLessThan(worst, 1e-12)
        assertQuoted("**Orthogonal** views a tensor as `[shape[0], rest]`, gain \(short(gain, maxDigits: 6))", in: note)
    }

    /// Conventions: PyTorch's layer default `kaiming_uniform_(a = √5)` has the bound
    /// √(6/((1 + a²)·fan_in)) — our He-uniform limit √(6/fan_in) divided by √(1 + a²) — which is 1/√fan_in.
    func testPyTorchLayerDefault() {
        let fanIn = 75
        let heLimit = uniformLimit([fanIn, 10], Initializers.heUniform)
        let a = 5.0.squareRoot()
        let bound = heLimit / (1 + a * a).squareRoot()
        let numerator = bound * Double(fanIn).squareRoot()
        XCTAssertEqual(numerator, 1, accuracy: 1e-12)
        assertQuoted("i.e. $U(\\pm \(Int(numerator.rounded()))/\\sqrt{\\text{fan}_{\\text{in}}})$", in: note)
    }

    /// §6 worked example: clipping by value and by norm with c = 1.
    func testClipping() {
        let c = 1.0
        assertQuoted("**Worked example**, $c = \(short(c))$:", in: note)
        for g in [[3.0, 4], [0.5, 10]] {
            let norm = globalNorm([Tensor(g)])
            let byValue = clipByValue([Tensor(g)], limit: c)[0].scalars.map { short($0) }
            let byNorm = clippedByGlobalNorm([Tensor(g)], maxNorm: c).gradients[0].scalars
            let normText = norm == norm.rounded() ? short(norm) : fixed(norm, 4)
            let byNormText = byNorm.map { v in abs(v * 10 - (v * 10).rounded()) < 1e-9 ? short(v) : fixed(v, 4) }
            let comment = g[0] == 3 ? "(direction changed)" : "(direction changed a lot)"
            assertQuoted("| $[\(short(g[0])), \(short(g[1]))]$ | \(normText) | $[" + byValue.joined(separator: ", ") + "]$ \(comment) | $["
                         + byNormText.joined(separator: ", ") + "]$ |", in: note)
        }
    }
}

// MARK: Small dense-matrix helpers (row-major n×n), fast enough in debug builds.

private func identity(_ n: Int) -> [Double] {
    var m = [Double](repeating: 0, count: n * n)
    for i in 0..<n { m[i * n + i] = 1 }
    return m
}

private func transpose(_ a: [Double], _ n: Int) -> [Double] {
    var t = a
    for i in 0..<n { for j in 0..<n { t[j * n + i] = a[i * n + j] } }
    return t
}

private func multiply(_ a: [Double], _ b: [Double], _ n: Int) -> [Double] {
    var c = [Double](repeating: 0, count: n * n)
    a.withUnsafeBufferPointer { a in
        b.withUnsafeBufferPointer { b in
            c.withUnsafeMutableBufferPointer { c in
                for i in 0..<n {
                    for k in 0..<n {
                        let aik = a[i * n + k]
                        if aik == 0 { continue }
                        for j in 0..<n { c[i * n + j] += aik * b[k * n + j] }
                    }
                }
            }
        }
    }
    return c
}

private func largestSingularValue(_ p: [Double], _ n: Int) -> Double {
    var v = [Double](repeating: 1 / Double(n).squareRoot(), count: n)
    var sigma = 0.0
    for _ in 0..<100 {
        var pv = [Double](repeating: 0, count: n)
        for i in 0..<n { for j in 0..<n { pv[i] += p[i * n + j] * v[j] } }
        var ptpv = [Double](repeating: 0, count: n)
        for i in 0..<n { for j in 0..<n { ptpv[j] += p[i * n + j] * pv[i] } }
        let norm = ptpv.map { $0 * $0 }.reduce(0, +).squareRoot()
        sigma = norm.squareRoot()
        v = ptpv.map { $0 / norm }
    }
    return sigma
}

/// The smallest |R_ii| of a modified Gram–Schmidt QR of the columns: σ_min ≤ min |R_ii|.
private func smallestPivot(_ p: [Double], _ n: Int) -> Double {
    var columns = (0..<n).map { j in (0..<n).map { p[$0 * n + j] } }
    var smallest = Double.infinity
    for j in 0..<n {
        for k in 0..<j {
            let projection = zip(columns[k], columns[j]).map(*).reduce(0, +)
            for i in 0..<n { columns[j][i] -= projection * columns[k][i] }
        }
        let norm = columns[j].map { $0 * $0 }.reduce(0, +).squareRoot()
        smallest = min(smallest, norm)
        if norm > 0 { columns[j] = columns[j].map { $0 / norm } }
    }
    return smallest
}

// MARK: Reading an initializer's scale off its draws

/// The limit `a` of a uniform initializer `U(−a, a)`, read off exactly: the same seed gives the
/// same unit draws `u`, and each weight is `−a + 2a·u`.
private func uniformLimit(_ shape: [Int], _ draw: (_ shape: [Int], _ generator: inout SeededGenerator) -> Tensor) -> Double {
    var weights = SeededGenerator(seed: 11), units = SeededGenerator(seed: 11)
    let w = draw(shape, &weights).scalars
    let u0 = units.uniform(), u1 = units.uniform()
    return (w[1] - w[0]) / (2 * (u1 - u0))
}

/// The standard deviation σ of a normal initializer `N(0, σ²)`, read off exactly: the same seed
/// gives the same standard-normal draw `z`, and the first weight is `σ·z`.
private func normalScale(_ shape: [Int], _ draw: (_ shape: [Int], _ generator: inout SeededGenerator) -> Tensor) -> Double {
    var weights = SeededGenerator(seed: 12), units = SeededGenerator(seed: 12)
    return draw(shape, &weights).scalars[0] / units.normal()
}

private func meanSquare(_ values: [Double]) -> Double { values.map { $0 * $0 }.reduce(0, +) / Double(values.count) }

