import XCTest
import Foundation
import TensorCore
import CheckSupport
import Ex3

/// Hidden checks for ex3. The reference Value (DeepLearning/Autodiff/Value.swift) does not exist
/// yet, so the oracles are the formulas and numeric gradients, computed here.
final class Ex3HiddenChecks: XCTestCase {
    // MARK: ex3.1

    func testForwardRandomExpressions() {
        var generator = checkGenerator(301)
        for _ in 0..<5 {
            let x = generator.uniform(in: 0.2...2), y = generator.uniform(in: -2 ... -0.2), z = generator.normal()
            let a = Value(x), b = Value(y), c = Value(z)
            let t1: Value = (a * b + c).tanh()
            let t2: Value = a / b
            let t3: Value = (a.log() * 3).exp()
            let t4: Value = (2 - c.sigmoid()) / (b.pow(2) + 1)
            let s1: Value = t1 - t2
            let s2: Value = s1 + t3
            let inner: Value = s2 - t4
            let node: Value = inner.relu() + b.relu() * c
            let sig = 1 / (1 + exp(-z))
            let expectedInner = tanh(x * y + z) - x / y + exp(3 * log(x)) - (2 - sig) / (y * y + 1)
            let what = "at a = \(format(x)), b = \(format(y)), c = \(format(z))"
            guard expectClose(inner.data, expectedInner, tolerance: 1e-10, "tanh(a·b + c) − a/b + exp(3·log a) − (2 − σ(c))/(b² + 1) \(what)"),
                  expectClose(node.data, max(0, expectedInner), tolerance: 1e-10, "relu(…) + relu(b)·c \(what)")
            else { return }
        }
    }

    // MARK: ex3.2

    func testLocalGradientsRandom() {
        var generator = checkGenerator(302)
        for _ in 0..<20 {
            let u = generator.uniform(in: -3...3)
            let v = generator.uniform(in: -3...3)
            let positive = abs(u) + 0.1
            let p = generator.uniform(in: -2.5...3.5)
            let t = tanh(u), s = 1 / (1 + exp(-u))
            let cases: [(String, Value.Operation, [Double], Double, [Double])] = [
                ("mul", .mul, [u, v], u * v, [v, u]),
                ("pow(\(format(p)))", .pow(p), [positive], pow(positive, p), [p * pow(positive, p - 1)]),
                ("exp", .exp, [u], exp(u), [exp(u)]),
                ("log", .log, [positive], log(positive), [1 / positive]),
                ("tanh", .tanh, [u], t, [1 - t * t]),
                ("relu", .relu, [u], max(0, u), [u > 0 ? 1 : 0]),
                ("sigmoid", .sigmoid, [u], s, [s * (1 - s)]),
            ]
            for (name, op, inputs, output, expected) in cases {
                let observed = op.localGradients(inputs: inputs, output: output)
                guard expectClose(Tensor(shape: [observed.count], scalars: observed), Tensor(expected), tolerance: 1e-10,
                                  "localGradients of \(name) at \(inputs.map(format))") else { return }
            }
        }
    }

    // MARK: ex3.3

    /// A random DAG of nodes with random local gradients; reverse creation order is a valid
    /// topological order, so the oracle is the backward pass run in that order.
    func testRandomGraph() {
        var generator = checkGenerator(303)
        for trial in 0..<3 {
            var nodes = (0..<3).map { Value(generator.normal(), label: "leaf\($0)") }
            var edges: [[(Int, Double)]] = [[], [], []]
            for k in 0..<30 {
                let arity = 1 + generator.integer(below: 3)
                var children: [Int] = []
                for _ in 0..<arity { children.append(max(0, nodes.count - 1 - generator.integer(below: min(nodes.count, 6)))) }
                let locals = children.map { _ in generator.uniform(in: -1.5...1.5) }
                edges.append(Array(zip(children, locals)))
                nodes.append(Value(generator.normal(), children: children.map { nodes[$0] }, localGradients: locals, label: "n\(k)"))
            }
            let root = nodes.last!
            var expected = [Double](repeating: 0, count: nodes.count)
            expected[nodes.count - 1] = 1
            for i in stride(from: nodes.count - 1, through: 0, by: -1) {
                for (child, local) in edges[i] { expected[child] += local * expected[i] }
            }
            root.backward()
            guard expectClose(Tensor(nodes.map(\.grad)), Tensor(expected), tolerance: 1e-10,
                              "gradients of every node of a random 33-node graph (trial \(trial); nodes reached along several paths must sum them, once each)")
            else { return }
            let order = root.topologicalOrder()
            guard expectEqual(Set(order.map(ObjectIdentifier.init)).count, order.count, "topologicalOrder lists each node once (random graph, trial \(trial))") else { return }
            root.zeroGrad()
            guard expectTrue(order.allSatisfy { $0.grad == 0 }, "every node's grad is 0 after zeroGrad() (random graph, trial \(trial))") else { return }
        }
    }

    // MARK: ex3.4

    /// The four-point toy data set of micrograd, 3 → 4 → 4 → 1, 100 steps.
    func testToyData() {
        var generator = checkGenerator(304)
        let model = Ex3.MLP(inputs: 3, layerSizes: [4, 4, 1], using: &generator)
        let inputs: [[Double]] = [[2, 3, -1], [3, -1, 0.5], [0.5, 1, 1], [1, 1, -1]]
        let targets: [Double] = [1, -1, -1, 1]
        let losses = Ex3.train(model, inputs: inputs, targets: targets, steps: 100, learningRate: 0.2)
        guard expectTrue(losses.count == 100 && losses.last! < 0.05,
                         "toy data: the loss after 100 steps should be below 0.05; observed \(losses.count) losses, first \(losses.first.map(format) ?? "none"), last \(losses.last.map(format) ?? "none")")
        else { return }
        let predictions = inputs.map { model($0)[0].data }
        expectTrue(zip(predictions, targets).allSatisfy { ($0 > 0) == ($1 > 0) }, "toy data: predictions \(predictions.map(format)) for targets \(targets.map(format))")
    }

    /// The loss must be a graph of Values down to every parameter: its gradients against numeric ones.
    func testParameterGradients() {
        var generator = checkGenerator(305)
        let model = Ex3.MLP(inputs: 2, layerSizes: [3, 1], using: &generator)
        let inputs: [[Double]] = [[0.3, -1.2], [1.5, 0.2], [-0.7, 0.9]]
        let targets: [Double] = [0.5, -0.8, 0.2]
        func lossValue() -> Value { Ex3.meanSquaredError(predictions: inputs.map { model($0)[0] }, targets: targets) }
        let loss = lossValue()
        let predictions = inputs.map { model($0)[0].data }
        let mse = zip(predictions, targets).map { ($0 - $1) * ($0 - $1) }.reduce(0, +) / 3
        guard expectClose(loss.data, mse, tolerance: 1e-12, "meanSquaredError of three predictions (the mean of the squared differences)") else { return }
        loss.zeroGrad()
        loss.backward()
        let parameters = model.parameters
        let analytic = Tensor(parameters.map(\.grad))
        let numeric = numericGradient(at: Tensor(parameters.map(\.data))) { values in
            for (p, v) in zip(parameters, values.scalars) { p.data = v }
            return lossValue().data
        }
        expectGradient(analytic, matches: numeric, parameter: "the 13 parameters of a 2 → 3 → 1 MLP (mean squared error of 3 examples)", tolerance: 1e-6)
    }

    /// Two steps of train() equal two hand-made steps with zeroGrad between them.
    func testTrainSteps() {
        var g1 = checkGenerator(306), g2 = checkGenerator(306)
        let model = Ex3.MLP(inputs: 2, layerSizes: [3, 1], using: &g1)
        let twin = Ex3.MLP(inputs: 2, layerSizes: [3, 1], using: &g2)
        let inputs: [[Double]] = [[0.3, -1.2], [1.5, 0.2], [-0.7, 0.9]]
        let targets: [Double] = [0.5, -0.8, 0.2]
        var expectedLosses: [Double] = []
        for _ in 0..<2 {
            let loss = Ex3.meanSquaredError(predictions: inputs.map { twin($0)[0] }, targets: targets)
            expectedLosses.append(loss.data)
            for p in twin.parameters { p.grad = 0 }   // the leaves; the rest of the graph is new
            loss.backward()
            for p in twin.parameters { p.data -= 0.1 * p.grad }
        }
        let losses = Ex3.train(model, inputs: inputs, targets: targets, steps: 2, learningRate: 0.1)
        guard expectClose(Tensor(shape: [losses.count], scalars: losses), Tensor(expectedLosses), tolerance: 1e-12,
                          "losses of two steps of train() (each measured before its step's update)") else { return }
        expectClose(Tensor(model.parameters.map(\.data)), Tensor(twin.parameters.map(\.data)), tolerance: 1e-12,
                    "parameters after two steps of train() with learning rate 0.1 (p −= lr·grad, with zeroGrad() before every backward())")
    }
}
