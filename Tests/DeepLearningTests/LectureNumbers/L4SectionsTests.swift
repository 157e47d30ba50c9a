import XCTest
import Foundation
import TensorCore
@testable import DeepLearning

/// L4's end-of-note questions, computed with the reference initializers and clipping.
final class L4SectionsTests: XCTestCase {
    let note = lecture("L4")

    func testQuestions() {
        var generator = SeededGenerator(seed: 11)
        // 1. Glorot-uniform limit for 300 → 100.
        let (fanIn, fanOut) = fans(forShape: [300, 100])
        let limit = (6.0 / Double(fanIn + fanOut)).squareRoot()
        let draws = Initializers.glorotUniform([300, 100], using: &generator).scalars
        XCTAssertLessThanOrEqual(draws.map(abs).max()!, limit)
        XCTAssertGreaterThan(draws.map(abs).max()!, 0.99 * limit)
        assertQuoted("1. $a = \\sqrt{6/(300 + 100)} = \(fixed(limit, 4))$.", in: note)
        // 2. He normal for 512 inputs.
        let he = Initializers.heNormal([512, 512], using: &generator).scalars
        let std = (he.map { $0 * $0 }.reduce(0, +) / Double(he.count)).squareRoot()
        XCTAssertEqual(std, (2.0 / 512).squareRoot(), accuracy: 0.002)
        assertQuoted("2. $\\sqrt{2/512} = \(short((2.0 / 512).squareRoot()))$.", in: note)
        // 3. Clipping [6, 8] with c = 5.
        let g = [Tensor([6, 8])]
        let byValue = clipByValue(g, limit: 5)[0].scalars
        let (byNorm, norm) = clippedByGlobalNorm(g, maxNorm: 5)
        assertQuoted("3. By value $\(bracketed(byValue))$ (the direction changes); by norm $\\lVert g\\rVert = \(short(norm))$, so $g\\cdot5/10 = \(bracketed(byNorm[0].scalars.map { ($0 * 1e9).rounded() / 1e9 }))$.", in: note)
        // 4. Identical units stay identical under gradient descent.
        var net = Sequential([AnyLayer(Dense(weight: Tensor([[0.5, 0.5], [-0.3, -0.3]]), bias: Tensor([0.1, 0.1]))), AnyLayer(Tanh()),
                              AnyLayer(Dense(weight: Tensor([[1], [1]]), bias: Tensor([0])))])
        let x = Tensor([[1, 2], [0.5, -1], [-2, 0.3]]), y = Tensor([[1], [0], [-1]])
        for _ in 0..<1000 {
            var context = ForwardContext(training: true)
            let (out, cache) = net.forward(x, context: &context)
            let (_, dOut) = meanSquaredError(prediction: out, target: y)
            let (_, grads) = net.backward(dOut, cache: cache)
            net.parameters = zip(net.parameters, grads).map { $0 - $1 * 0.1 }
        }
        let w = net.parameters[0].scalars
        XCTAssertEqual(w[0], w[1], accuracy: 1e-12); XCTAssertEqual(w[2], w[3], accuracy: 1e-12)
        assertQuoted("4. One: both receive the same gradient at every step", in: note)
        // 5. A rotation keeps the length.
        let rotated = Tensor([[0, -1], [1, 0]]).matmul(Tensor([[3], [4]])).scalars
        assertQuoted("5. $Wx = \(bracketed(rotated))$ and $\\lVert Wx\\rVert = \(short(globalNorm([Tensor(rotated)]))) = \\lVert x\\rVert$", in: note)
    }
}
