import TensorCore

// ex3.4 — A tiny multi-layer perceptron built from Values, trained by gradient descent.
//
// Neuron (inputs n):   out = activation(Σᵢ wᵢ·xᵢ + b), with Values all the way (never compute
//                      with .data and wrap the result: the graph, and so the gradient, would be lost).
//                      Initialisation: wᵢ ~ U(−1, 1), drawn in order from the generator
//                      (generator.uniform(in: -1...1)), b = 0.
// Layer:               `outputs` neurons of the same inputs; returns one Value per neuron.
// MLP(inputs, layerSizes): layers inputs → layerSizes[0] → layerSizes[1] → …; every layer uses
//                      tanh (the output too, so outputs lie in (−1, 1) and targets are ±1).
// meanSquaredError:    (1/N)·Σ (predictionₙ − targetₙ)², a Value.
// train(…):            for each step: forward all examples, loss = meanSquaredError,
//                      loss.zeroGrad(), loss.backward(), then every parameter p.data −= learningRate·p.grad.
//                      Return the loss of every step (taken before that step's update).
//
// Zero the gradients before every backward pass: a leaf's gradient accumulates (ex3.3), so
// without zeroGrad() each step would use the sum of all previous gradients.

/// The non-linearity of a neuron.
public enum NeuronActivation: Sendable {
    case tanh
    case relu
    case linear
}

/// One neuron: activation(w·x + b).
public final class Neuron {
    public let weights: [Value]
    public let bias: Value
    public let activation: NeuronActivation

    /// Given weights and bias (for checks and worked examples).
    public init(weights: [Double], bias: Double, activation: NeuronActivation = .tanh) {
        self.weights = weights.enumerated().map { Value($0.element, label: "w\($0.offset)") }
        self.bias = Value(bias, label: "b")
        self.activation = activation
    }

    /// Weights drawn from U(−1, 1) in order, bias 0.
    public convenience init(inputs: Int, activation: NeuronActivation = .tanh, using generator: inout SeededGenerator) {
        todo("ex3.4")
    }

    /// The parameters: the weights, then the bias.
    public var parameters: [Value] { weights + [bias] }

    /// activation(Σ wᵢ·xᵢ + b) as a node of the graph.
    public func callAsFunction(_ x: [Value]) -> Value {
        todo("ex3.4")
    }
}

/// `outputs` neurons reading the same inputs.
public final class Layer {
    public let neurons: [Neuron]

    public init(neurons: [Neuron]) { self.neurons = neurons }

    public convenience init(inputs: Int, outputs: Int, activation: NeuronActivation = .tanh, using generator: inout SeededGenerator) {
        todo("ex3.4")
    }

    public var parameters: [Value] { neurons.flatMap(\.parameters) }

    public func callAsFunction(_ x: [Value]) -> [Value] {
        todo("ex3.4")
    }
}

/// A stack of tanh layers: inputs → layerSizes[0] → … → layerSizes.last.
public final class MLP {
    public let layers: [Layer]

    public init(layers: [Layer]) { self.layers = layers }

    public convenience init(inputs: Int, layerSizes: [Int], using generator: inout SeededGenerator) {
        todo("ex3.4")
    }

    /// Every weight and bias, layer by layer.
    public var parameters: [Value] { layers.flatMap(\.parameters) }

    /// The outputs of the last layer for one example.
    public func callAsFunction(_ x: [Double]) -> [Value] {
        todo("ex3.4")
    }
}

/// (1/N)·Σ (predictionₙ − targetₙ)² as a Value.
public func meanSquaredError(predictions: [Value], targets: [Double]) -> Value {
    todo("ex3.4")
}

/// Full-batch gradient descent on the mean squared error of the model's first output;
/// returns the loss of every step, measured before that step's update.
public func train(_ model: MLP, inputs: [[Double]], targets: [Double], steps: Int, learningRate: Double) -> [Double] {
    todo("ex3.4")
}
