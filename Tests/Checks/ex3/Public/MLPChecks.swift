import XCTest
import Foundation
import TensorCore
import CheckSupport
import Ex3

/// ex3.4: neurons, layers, the MLP and its training.
final class MLPChecks: XCTestCase {
    func testNeuronForward() {
        let x = [Value(2), Value(1), Value(-0.5)]
        // 0.5·2 − 1·1 + 2·(−0.5) + 0.25 = −0.75
        let tanhNeuron = Ex3.Neuron(weights: [0.5, -1, 2], bias: 0.25, activation: .tanh)
        guard expectClose(tanhNeuron(x).data, tanh(-0.75), tolerance: 1e-12, "tanh neuron w = [0.5, −1, 2], b = 0.25 at x = [2, 1, −0.5]") else { return }
        expectClose(Ex3.Neuron(weights: [0.5, -1, 2], bias: 0.25, activation: .linear)(x).data, -0.75, tolerance: 1e-12, "linear neuron (w·x + b)")
        expectClose(Ex3.Neuron(weights: [0.5, -1, 2], bias: 0.25, activation: .relu)(x).data, 0, tolerance: 1e-12, "relu neuron at a negative pre-activation")
        expectClose(Ex3.Neuron(weights: [0.5, -1, 2], bias: 1.25, activation: .relu)(x).data, 0.25, tolerance: 1e-12, "relu neuron with b = 1.25")
        let layer = Ex3.Layer(neurons: [Ex3.Neuron(weights: [1, 0, 0], bias: 0, activation: .linear), Ex3.Neuron(weights: [0, 1, 1], bias: 1, activation: .linear)])
        expectClose(Tensor(layer(x).map(\.data)), Tensor([2, 1.5]), tolerance: 1e-12, "a layer of two linear neurons (one output per neuron, in order)")
    }

    func testInitialisation() {
        var generator = checkGenerator(44)
        let model = Ex3.MLP(inputs: 3, layerSizes: [4, 4, 1], using: &generator)
        guard expectEqual(model.layers.map { $0.neurons.count }, [4, 4, 1], "neurons per layer of MLP(inputs: 3, layerSizes: [4, 4, 1])"),
              expectEqual(model.layers.map { $0.neurons[0].weights.count }, [3, 4, 4], "weights per neuron, layer by layer (the previous layer's width)"),
              expectEqual(model.parameters.count, 41, "parameters of 3 → 4 → 4 → 1 (16 + 20 + 5)")
        else { return }
        let weights = model.layers.flatMap { $0.neurons.flatMap { $0.weights.map(\.data) } }
        guard expectTrue(weights.allSatisfy { (-1...1).contains($0) } && Set(weights).count == weights.count,
                         "initial weights must be distinct draws from U(−1, 1); observed \(weights.prefix(6))…") else { return }
        expectTrue(model.layers.allSatisfy { $0.neurons.allSatisfy { $0.bias.data == 0 } }, "initial biases must be 0")
        let output = model([0.5, -1, 2])
        guard expectEqual(output.count, 1, "number of outputs of MLP(…, layerSizes: [4, 4, 1])") else { return }
        expectTrue(abs(output[0].data) < 1, "the output layer uses tanh, so the output lies in (−1, 1); observed \(output[0].data)")
        var again = checkGenerator(44)
        let twin = Ex3.MLP(inputs: 3, layerSizes: [4, 4, 1], using: &again)
        expectClose(Tensor(twin.parameters.map(\.data)), Tensor(model.parameters.map(\.data)), tolerance: 0,
                    "parameters of two MLPs made from the same seed (every draw must come from the generator)")
    }

    /// XOR with targets ±1: 2 → 4 → 4 → 1, learning rate 0.3, 200 full-batch steps.
    func testTrainsXOR() {
        var generator = checkGenerator(45)
        let model = Ex3.MLP(inputs: 2, layerSizes: [4, 4, 1], using: &generator)
        let inputs: [[Double]] = [[0, 0], [0, 1], [1, 0], [1, 1]]
        let targets: [Double] = [-1, 1, 1, -1]
        let losses = Ex3.train(model, inputs: inputs, targets: targets, steps: 200, learningRate: 0.3)
        guard expectEqual(losses.count, 200, "number of losses train(…, steps: 200) returns") else { return }
        guard expectTrue(losses.last! < 0.1, "XOR: the mean squared error after 200 steps should be below 0.1; first \(format(losses[0])), after 50 steps \(format(losses[49])), last \(format(losses.last!))") else { return }
        let predictions = inputs.map { model($0)[0].data }
        expectTrue(zip(predictions, targets).allSatisfy { ($0 > 0) == ($1 > 0) },
                   "XOR: every sign must be right after training; predictions \(predictions.map(format)), targets \(targets.map(format))")
    }
}
