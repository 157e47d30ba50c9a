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

    /// The infinite-width ("mean-field") prediction of the activation spread: with inputs of
    /// second moment q, a layer gives z ~ N(0, D·σ_w²·q); h = act(z); the std of h and the next
    /// q = E[h²] follow by numerical integration over the Gaussian, using the reference activations.
    private func meanFieldStandardDeviations(activation: String, weightStd: Double, width: Int = 512, depth: Int = 10) -> [Double] {
        let u = (-6000...6000).map { Double($0) / 500 }                  // [−12, 12], step 0.002
        let density = u.map { exp(-$0 * $0 / 2) / (2 * Double.pi).squareRoot() * 0.002 }
        var q = 1.0
        var result: [Double] = []
        for _ in 0..<depth {
            let s = (Double(width) * weightStd * weightStd * q).squareRoot()
            let z = Tensor(u.map { $0 * s })
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
        let d = 512.0
        assertQuoted("($D_a\\sigma_w^2 = \(fixed(d * 0.2 * 0.2, 1))$)", in: note)
        let rows: [(label: String, activation: String, std: Double, tolerance: Double)] = [
            ("| tanh, $\\sigma_w = 0.01$ |", "tanh", 0.01, 0.02),
            ("| tanh, $\\sigma_w = 0.2$ ($D_a\\sigma_w^2 = 20.5$) |", "tanh", 0.2, 0.02),
            ("| tanh, $\\sigma_w = 1/\\sqrt{D_a}$ (Xavier) |", "tanh", 1 / d.squareRoot(), 0.02),
            ("| ReLU, $\\sigma_w = 1/\\sqrt{D_a}$ |", "relu", 1 / d.squareRoot(), 0.12),
            ("| ReLU, $\\sigma_w = \\sqrt{2/D_a}$ (He) |", "relu", (2 / d).squareRoot(), 0.12),
        ]
        for row in rows {
            let predicted = meanFieldStandardDeviations(activation: row.activation, weightStd: row.std)
            guard let start = note.range(of: row.label) else { XCTFail("no row \(row.label)"); continue }
            let line = note[start.upperBound...].prefix { $0 != "\n" }
            let cells = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            XCTAssertEqual(cells.count, 4, "\(row.label): layer 1, 5, 10 and a comment")
            for (cell, layer) in zip(cells.prefix(3), [1, 5, 10]) {
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
        func limit(_ shape: [Int]) -> (Double, Int) {
            let (fanIn, fanOut) = fans(forShape: shape)
            return ((6.0 / Double(fanIn + fanOut)).squareRoot(), fanIn + fanOut)
        }
        let (a784, sum784) = limit([784, 256])
        assertQuoted("784 → 256: $a = \\sqrt{6/\(sum784)} = \(fixed(a784, 4))$", in: note)
        let (a100, sum100) = limit([100, 100])
        assertQuoted("$a = \\sqrt{6/\(sum100)} = \(fixed(a100, 4))$, variance $\(fixed(a100, 4))^2/3 = \(short(a100 * a100 / 3)) = 2/\(sum100)$", in: note)
        let (fanIn, fanOut) = fans(forShape: [16, 3, 3, 3])
        let (aConv, sumConv) = limit([16, 3, 3, 3])
        assertQuoted("fans \(fanIn) and \(fanOut) and $a = \\sqrt{6/\(sumConv)} = \(fixed(aConv, 4))$", in: note)
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
        let sigma = (2.0 / 256).squareRoot()
        assertQuoted("For $D_a = 256$: $\\sigma_w = \\sqrt{2/256} = \(fixed(sigma, 4))$", in: note)
        var generator = SeededGenerator(seed: 3)
        let w = Initializers.heNormal([256, 256], using: &generator)
        let drawnStd = (w.scalars.map { $0 * $0 }.reduce(0, +) / Double(w.count)).squareRoot()
        XCTAssertEqual(drawnStd, sigma, accuracy: 0.01 * sigma)
        let garbled = 1 / (2.0.squareRoot() * 256)
        assertQuoted("$1/(\\sqrt2\\cdot256) = \(fixed(garbled, 5))$ instead of \(fixed(sigma, 4))", in: note)
        let ratio = sigma / garbled
        XCTAssertEqual(ratio, 2 * 256.0.squareRoot(), accuracy: 1e-9)
        assertQuoted("**\(Int(ratio.rounded())) times** too\n> small", in: note)
        // √(6/n) used as a standard deviation (or √(2/n) as a uniform limit): variance × 3.
        let n = 100.0
        let factor = (6 / n) / ((6 / n) / 3)
        assertQuoted("changes the variance by a factor \(Int(factor.rounded()))", in: note)
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
        XCTAssertLessThan(smallestBound / largest, 1e-10, "most directions are annihilated")
        assertQuoted("spread over more than ten orders of magnitude", in: note)
        // The orthogonal product: PᵀP = I, so every singular value is 1.000.
        let gram = multiply(transpose(orthogonal, n), orthogonal, n)
        var worst = 0.0
        for i in 0..<n { for j in 0..<n { worst = max(worst, abs(gram[i * n + j] - (i == j ? 1 : 0))) } }
        XCTAssertLessThan(worst, 1e-9)
        assertQuoted("every singular value equal to \(fixed(1 + worst, 3))", in: note)
        assertQuoted("product of \(count) random \(n)×\(n)\nGaussian matrices scaled by $1/\\sqrt{\(n)}$", in: note)
    }

    /// §6 worked example: clipping by value and by norm with c = 1.
    func testClipping() {
        for g in [[3.0, 4], [0.5, 10]] {
            let norm = globalNorm([Tensor(g)])
            let byValue = clipByValue([Tensor(g)], limit: 1)[0].scalars.map { short($0) }
            let byNorm = clippedByGlobalNorm([Tensor(g)], maxNorm: 1).gradients[0].scalars
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
