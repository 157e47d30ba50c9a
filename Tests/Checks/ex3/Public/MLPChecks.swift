import XCTest
import Foundation
import TensorCore
import CheckSupport
import Ex3

/// ex3.4: neurons, layers, the MLP and its training. The oracle is `OracleMLP` (Ex3Oracles.swift),
/// the same network in plain numbers.
final class MLPChecks: XCTestCase {
    func testNeuronForward() {
        let (tanhOut, linearOut, reluNegative, reluPositive, layerOut) = student {
            let x = [Value(2), Value(1), Value(-0.5)]
            let layer = Ex3.Layer(neurons: [Ex3.Neuron(weights: [1, 0, 0], bias: 0, activation: .linear), Ex3.Neuron(weights: [0, 1, 1], bias: 1, activation: .linear)])
            return (Ex3.Neuron(weights: [0.5, -1, 2], bias: 0.25, activation: .tanh)(x).data,
                    Ex3.Neuron(weights: [0.5, -1, 2], bias: 0.25, activation: .linear)(x).data,
                    Ex3.Neuron(weights: [0.5, -1, 2], bias: 0.25, activation: .relu)(x).data,
                    Ex3.Neuron(weights: [0.5, -1, 2], bias: 1.25, activation: .relu)(x).data,
                    layer(x).map(\.data))
        }
        // 0.5·2 − 1·1 + 2·(−0.5) + 0.25 = −0.75
        guard expectClose(tanhOut, tanh(-0.75), tolerance: 1e-12, "tanh neuron w = [0.5, −1, 2], b = 0.25 at x = [2, 1, −0.5]") else { return }
        expectClose(linearOut, -0.75, tolerance: 1e-12, "linear neuron (w·x + b)")
        expectClose(reluNegative, 0, tolerance: 1e-12, "relu neuron at a negative pre-activation")
        expectClose(reluPositive, 0.25, tolerance: 1e-12, "relu neuron with b = 1.25")
        expectClose(Tensor(layerOut), Tensor([2, 1.5]), tolerance: 1e-12, "a layer of two linear neurons (one output per neuron, in order)")
    }

    func testInitialisation() {
        let (neuronsPerLayer, weightsPerNeuron, parameters, weights, biases, output, twin) = student {
            var generator = checkGenerator(44)
            let model = Ex3.MLP(inputs: 3, layerSizes: [4, 4, 1], using: &generator)
            var again = checkGenerator(44)
            let twin = Ex3.MLP(inputs: 3, layerSizes: [4, 4, 1], using: &again)
            return (model.layers.map { $0.neurons.count }, model.layers.map { $0.neurons.first?.weights.count ?? 0 },
                    model.parameters.map(\.data),
                    model.layers.flatMap { $0.neurons.flatMap { $0.weights.map(\.data) } },
                    model.layers.flatMap { $0.neurons.map(\.bias.data) },
                    model([0.5, -1, 2]).map(\.data), twin.parameters.map(\.data))
        }
        // Neurons of a single input (inputs: 1 is valid: "at least one input").
        let (singleParameters, singleOutput) = student { () -> ([Double], [Double]) in
            var generator = checkGenerator(46)
            let model = Ex3.MLP(inputs: 1, layerSizes: [1, 2], using: &generator)
            return (model.parameters.map(\.data), model([0.7]).map(\.data))
        }
        var oracleGenerator = checkGenerator(44)
        let oracle = OracleMLP(inputs: 3, layerSizes: [4, 4, 1], using: &oracleGenerator)
        guard expectEqual(neuronsPerLayer, [4, 4, 1], "neurons per layer of MLP(inputs: 3, layerSizes: [4, 4, 1])"),
              expectEqual(weightsPerNeuron, [3, 4, 4], "weights per neuron, layer by layer (the previous layer's width)"),
              expectEqual(parameters.count, 41, "parameters of 3 → 4 → 4 → 1 (16 + 20 + 5)")
        else { return }
        guard expectTrue(weights.allSatisfy { (-1...1).contains($0) } && Set(weights).count == weights.count,
                         "initial weights must be distinct draws from U(−1, 1); observed \(weights.prefix(6).map(format))…") else { return }
        expectTrue(biases.allSatisfy { $0 == 0 }, "initial biases must be 0")
        expectClose(Tensor(parameters), Tensor(oracle.parameters), tolerance: 0,
                    "parameters of MLP(inputs: 3, layerSizes: [4, 4, 1]) from the seed: layer by layer, neuron by neuron, each weight one generator.uniform(in: −1...1) in order, every bias 0")
        guard expectEqual(output.count, 1, "number of outputs of MLP(…, layerSizes: [4, 4, 1])") else { return }
        expectTrue(abs(output[0]) < 1, "the output layer uses tanh, so the output lies in (−1, 1); observed \(format(output[0]))")
        expectClose(Tensor(output), Tensor(oracle([0.5, -1, 2])), tolerance: 1e-12,
                    "output of the seeded MLP at [0.5, −1, 2] (tanh(b + Σ w·x) in every layer)")
        expectClose(Tensor(twin), Tensor(parameters), tolerance: 0,
                    "parameters of two MLPs made from the same seed (every draw must come from the generator)")
        var singleGenerator = checkGenerator(46)
        let single = OracleMLP(inputs: 1, layerSizes: [1, 2], using: &singleGenerator)
        guard expectClose(Tensor(shape: [singleParameters.count], scalars: singleParameters), Tensor(single.parameters), tolerance: 0,
                          "parameters of MLP(inputs: 1, layerSizes: [1, 2]) from the seed (every neuron has a single input: 1 weight, then its bias 0)")
        else { return }
        expectClose(Tensor(shape: [singleOutput.count], scalars: singleOutput), Tensor(single([0.7])), tolerance: 1e-12,
                    "outputs of the seeded MLP(inputs: 1, layerSizes: [1, 2]) at [0.7]")
    }

    /// XOR with targets ±1: 2 → 4 → 4 → 1, learning rate 0.3, 200 full-batch steps.
    func testTrainsXOR() {
        let inputs: [[Double]] = [[0, 0], [0, 1], [1, 0], [1, 1]]
        let targets: [Double] = [-1, 1, 1, -1]
        let (losses, trained, predictions) = student {
            var generator = checkGenerator(45)
            let model = Ex3.MLP(inputs: 2, layerSizes: [4, 4, 1], using: &generator)
            let losses = Ex3.train(model, inputs: inputs, targets: targets, steps: 200, learningRate: 0.3)
            return (losses, model.parameters.map(\.data), inputs.map { model($0).first?.data ?? .nan })
        }
        guard expectEqual(losses.count, 200, "number of losses train(…, steps: 200) returns") else { return }
        guard expectTrue(losses.last! < 0.1, "XOR: the mean squared error after 200 steps should be below 0.1; first \(format(losses[0])), after 50 steps \(format(losses[49])), last \(format(losses.last!))") else { return }
        // The trained parameters, run through the check's own network, decide.
        var shape = OracleMLP(zerosWithInputs: 2, layerSizes: [4, 4, 1])
        guard expectEqual(trained.count, shape.parameterCount, "parameters of the trained 2 → 4 → 4 → 1 MLP") else { return }
        shape.parameters = trained
        let oraclePredictions = inputs.map { shape($0)[0] }
        guard expectClose(Tensor(predictions), Tensor(oraclePredictions), tolerance: 1e-9,
                          "XOR: the trained model's predictions (against tanh(b + Σ w·x) of its own parameters)") else { return }
        expectTrue(shape.loss(inputs: inputs, targets: targets) < 0.1,
                   "XOR: the mean squared error of the trained parameters should be below 0.1, observed \(format(shape.loss(inputs: inputs, targets: targets)))")
        expectTrue(zip(oraclePredictions, targets).allSatisfy { ($0 > 0) == ($1 > 0) },
                   "XOR: every sign must be right after training; predictions \(predictions.map(format)), targets \(targets.map(format))")
    }
}
