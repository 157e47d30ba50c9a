import XCTest
import Foundation
import TensorCore
import CheckSupport
import Ex3

/// Hidden checks for ex3. The reference Value (DeepLearning/Autodiff/Value.swift) does not exist
/// yet, so the oracles are the formulas, numeric gradients and `OracleMLP`, computed here.
final class Ex3HiddenChecks: XCTestCase {
    // MARK: ex3.1

    func testForwardRandomExpressions() {
        var generator = checkGenerator(301)
        for _ in 0..<5 {
            let x = generator.uniform(in: 0.2...2), y = generator.uniform(in: -2 ... -0.2), z = generator.normal()
            let (innerData, nodeData) = student {
                let a = Value(x), b = Value(y), c = Value(z)
                let t1: Value = (a * b + c).tanh()
                let t2: Value = a / b
                let t3: Value = (a.log() * 3).exp()
                let t4: Value = (2 - c.sigmoid()) / (b.pow(2) + 1)
                let s1: Value = t1 - t2
                let s2: Value = s1 + t3
                let inner: Value = s2 - t4
                let node: Value = inner.relu() + b.relu() * c
                return (inner.data, node.data)
            }
            let sig = 1 / (1 + exp(-z))
            let expectedInner = tanh(x * y + z) - x / y + exp(3 * log(x)) - (2 - sig) / (y * y + 1)
            let what = "at a = \(format(x)), b = \(format(y)), c = \(format(z))"
            guard expectClose(innerData, expectedInner, tolerance: 1e-10, "tanh(a·b + c) − a/b + exp(3·log a) − (2 − σ(c))/(b² + 1) \(what)"),
                  expectClose(nodeData, max(0, expectedInner), tolerance: 1e-10, "relu(…) + relu(b)·c \(what)")
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
            let cases: [(String, Rule, [Double], Double, [Double])] = [
                ("mul", .mul, [u, v], u * v, [v, u]),
                ("pow(\(format(p)))", .pow(p), [positive], pow(positive, p), [p * pow(positive, p - 1)]),
                ("exp", .exp, [u], exp(u), [exp(u)]),
                ("log", .log, [positive], log(positive), [1 / positive]),
                ("tanh", .tanh, [u], t, [1 - t * t]),
                ("relu", .relu, [u], max(0, u), [u > 0 ? 1 : 0]),
                ("sigmoid", .sigmoid, [u], s, [s * (1 - s)]),
            ]
            let observed = student { cases.map { _, rule, inputs, output, _ in rule.op.localGradients(inputs: inputs, output: output) } }
            guard expectEqual(observed.count, cases.count, "number of results") else { return }
            for ((name, _, inputs, _, expected), o) in zip(cases, observed) {
                guard expectClose(Tensor(shape: [o.count], scalars: o), Tensor(expected), tolerance: 1e-10,
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
            // The graph as numbers, drawn here; the Values are built from them inside student { }.
            var data = (0..<3).map { _ in generator.normal() }
            var edges: [[(Int, Double)]] = [[], [], []]
            for _ in 0..<30 {
                let arity = 1 + generator.integer(below: 3)
                var children: [Int] = []
                for _ in 0..<arity { children.append(max(0, data.count - 1 - generator.integer(below: min(data.count, 6)))) }
                let locals = children.map { _ in generator.uniform(in: -1.5...1.5) }
                edges.append(Array(zip(children, locals)))
                data.append(generator.normal())
            }
            let (grads, order, clearedOrder) = student {
                var nodes: [Value] = []
                for (i, value) in data.enumerated() {
                    nodes.append(i < 3 ? Value(value, label: "leaf\(i)")
                                       : Value(value, children: edges[i].map { nodes[$0.0] }, localGradients: edges[i].map(\.1), label: "n\(i - 3)"))
                }
                let root = nodes.last!
                root.backward()
                let grads = nodes.map(\.grad)
                let order = root.topologicalOrder()
                let positions = indices(of: order, in: nodes)
                root.zeroGrad()
                return (grads, positions, order.map(\.grad))
            }
            var expected = [Double](repeating: 0, count: data.count)
            expected[data.count - 1] = 1
            for i in stride(from: data.count - 1, through: 0, by: -1) {
                for (child, local) in edges[i] { expected[child] += local * expected[i] }
            }
            guard expectClose(Tensor(grads), Tensor(expected), tolerance: 1e-10,
                              "gradients of every node of a random 33-node graph (trial \(trial); nodes reached along several paths must sum them, once each)")
            else { return }
            guard expectEqual(Set(order).count, order.count, "topologicalOrder lists each node once (random graph, trial \(trial))") else { return }
            guard expectTrue(clearedOrder.allSatisfy { $0 == 0 }, "every node's grad is 0 after zeroGrad() (random graph, trial \(trial))") else { return }
        }
    }

    // MARK: ex3.4

    /// The four-point toy data set of micrograd, 3 → 4 → 4 → 1, 100 steps.
    func testToyData() {
        let inputs: [[Double]] = [[2, 3, -1], [3, -1, 0.5], [0.5, 1, 1], [1, 1, -1]]
        let targets: [Double] = [1, -1, -1, 1]
        let (losses, trained, predictions) = student {
            var generator = checkGenerator(304)
            let model = Ex3.MLP(inputs: 3, layerSizes: [4, 4, 1], using: &generator)
            let losses = Ex3.train(model, inputs: inputs, targets: targets, steps: 100, learningRate: 0.2)
            return (losses, model.parameters.map(\.data), inputs.map { model($0).first?.data ?? .nan })
        }
        guard expectTrue(losses.count == 100 && losses.last! < 0.05,
                         "toy data: the loss after 100 steps should be below 0.05; observed \(losses.count) losses, first \(losses.first.map(format) ?? "none"), last \(losses.last.map(format) ?? "none")")
        else { return }
        // The trained parameters, run through the check's own network, decide.
        var network = OracleMLP(zerosWithInputs: 3, layerSizes: [4, 4, 1])
        guard expectEqual(trained.count, network.parameterCount, "parameters of the trained 3 → 4 → 4 → 1 MLP") else { return }
        network.parameters = trained
        let oraclePredictions = inputs.map { network($0)[0] }
        guard expectClose(Tensor(predictions), Tensor(oraclePredictions), tolerance: 1e-9,
                          "toy data: the trained model's predictions (against tanh(b + Σ w·x) of its own parameters)") else { return }
        expectTrue(zip(oraclePredictions, targets).allSatisfy { ($0 > 0) == ($1 > 0) }, "toy data: predictions \(predictions.map(format)) for targets \(targets.map(format))")
    }

    /// A 2 → 3 → 1 MLP with the parameters drawn here (as the documented initialisation would).
    func network305() -> OracleMLP {
        var generator = checkGenerator(305)
        return OracleMLP(inputs: 2, layerSizes: [3, 1], using: &generator)
    }

    /// The loss must be a graph of Values down to every parameter: its gradients against numeric
    /// ones of the check's own network.
    func testParameterGradients() {
        let network = network305()
        let inputs: [[Double]] = [[0.3, -1.2], [1.5, 0.2], [-0.7, 0.9]]
        let targets: [Double] = [0.5, -0.8, 0.2]
        let (lossData, analytic) = student {
            let model = network.studentModel
            let loss = Ex3.meanSquaredError(predictions: inputs.map { model($0)[0] }, targets: targets)
            loss.zeroGrad()
            loss.backward()
            return (loss.data, Tensor(model.parameters.map(\.grad)))
        }
        guard expectClose(lossData, network.loss(inputs: inputs, targets: targets), tolerance: 1e-12,
                          "meanSquaredError of three predictions (the mean of the squared differences)") else { return }
        let numeric = numericGradient(at: Tensor(network.parameters)) { values in
            network.with(parameters: values.scalars).loss(inputs: inputs, targets: targets)
        }
        expectGradient(analytic, matches: numeric, parameter: "the 13 parameters of a 2 → 3 → 1 MLP (mean squared error of 3 examples)", tolerance: 1e-6)
    }

    /// Two steps of train() equal two hand-made steps (the check's own network, gradients by backpropagation).
    func testTrainSteps() {
        var twin = network305()
        let inputs: [[Double]] = [[0.3, -1.2], [1.5, 0.2], [-0.7, 0.9]]
        let targets: [Double] = [0.5, -0.8, 0.2]
        let (losses, parameters) = student {
            let model = twin.studentModel
            let losses = Ex3.train(model, inputs: inputs, targets: targets, steps: 2, learningRate: 0.1)
            return (losses, model.parameters.map(\.data))
        }
        var expectedLosses: [Double] = []
        for _ in 0..<2 {
            expectedLosses.append(twin.loss(inputs: inputs, targets: targets))
            twin.step(inputs: inputs, targets: targets, learningRate: 0.1)
        }
        guard expectClose(Tensor(shape: [losses.count], scalars: losses), Tensor(expectedLosses), tolerance: 1e-12,
                          "losses of two steps of train() (each measured before its step's update)") else { return }
        expectClose(Tensor(parameters), Tensor(twin.parameters), tolerance: 1e-12,
                    "parameters after two steps of train() with learning rate 0.1 (p −= lr·grad, with zeroGrad() before every backward())")
    }
}
