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
        // BEGIN SOLUTION ex3.4
        precondition(inputs > 0, "Neuron: needs at least one input, got \(inputs)")
        var drawn: [Double] = []
        for _ in 0..<inputs { drawn.append(generator.uniform(in: -1...1)) }
        self.init(weights: drawn, bias: 0, activation: activation)
        // END SOLUTION
    }

    /// The parameters: the weights, then the bias.
    public var parameters: [Value] { weights + [bias] }

    /// activation(Σ wᵢ·xᵢ + b) as a node of the graph.
    public func callAsFunction(_ x: [Value]) -> Value {
        // BEGIN SOLUTION ex3.4
        precondition(x.count == weights.count, "Neuron: \(weights.count) weights but \(x.count) inputs")
        var sum = bias
        for (w, xi) in zip(weights, x) { sum = sum + w * xi }
        switch activation {
        case .tanh: return sum.tanh()
        case .relu: return sum.relu()
        case .linear: return sum
        }
        // END SOLUTION
    }
}

/// `outputs` neurons reading the same inputs.
public final class Layer {
    public let neurons: [Neuron]

    public init(neurons: [Neuron]) { self.neurons = neurons }

    public convenience init(inputs: Int, outputs: Int, activation: NeuronActivation = .tanh, using generator: inout SeededGenerator) {
        // BEGIN SOLUTION ex3.4
        var neurons: [Neuron] = []
        for _ in 0..<outputs { neurons.append(Neuron(inputs: inputs, activation: activation, using: &generator)) }
        self.init(neurons: neurons)
        // END SOLUTION
    }

    public var parameters: [Value] { neurons.flatMap(\.parameters) }

    public func callAsFunction(_ x: [Value]) -> [Value] {
        // BEGIN SOLUTION ex3.4
        return neurons.map { $0(x) }
        // END SOLUTION
    }
}

/// A stack of tanh layers: inputs → layerSizes[0] → … → layerSizes.last.
public final class MLP {
    public let layers: [Layer]

    public init(layers: [Layer]) { self.layers = layers }

    public convenience init(inputs: Int, layerSizes: [Int], using generator: inout SeededGenerator) {
        // BEGIN SOLUTION ex3.4
        precondition(!layerSizes.isEmpty, "MLP: needs at least one layer")
        var layers: [Layer] = []
        var width = inputs
        for size in layerSizes {
            layers.append(Layer(inputs: width, outputs: size, activation: .tanh, using: &generator))
            width = size
        }
        self.init(layers: layers)
        // END SOLUTION
    }

    /// Every weight and bias, layer by layer.
    public var parameters: [Value] { layers.flatMap(\.parameters) }

    /// The outputs of the last layer for one example.
    public func callAsFunction(_ x: [Double]) -> [Value] {
        // BEGIN SOLUTION ex3.4
        var activations = x.map { Value($0) }
        for layer in layers { activations = layer(activations) }
        return activations
        // END SOLUTION
    }
}

/// (1/N)·Σ (predictionₙ − targetₙ)² as a Value.
public func meanSquaredError(predictions: [Value], targets: [Double]) -> Value {
    // BEGIN SOLUTION ex3.4
    precondition(predictions.count == targets.count && !targets.isEmpty,
                 "meanSquaredError: \(predictions.count) predictions but \(targets.count) targets")
    var total = Value(0)
    for (p, t) in zip(predictions, targets) {
        let difference = p - t
        total = total + difference * difference
    }
    return total * (1 / Double(targets.count))
    // END SOLUTION
}

/// Full-batch gradient descent on the mean squared error of the model's first output;
/// returns the loss of every step, measured before that step's update.
public func train(_ model: MLP, inputs: [[Double]], targets: [Double], steps: Int, learningRate: Double) -> [Double] {
    // BEGIN SOLUTION ex3.4
    var losses: [Double] = []
    for _ in 0..<steps {
        let predictions = inputs.map { model($0)[0] }
        let loss = meanSquaredError(predictions: predictions, targets: targets)
        loss.zeroGrad()
        loss.backward()
        for p in model.parameters { p.data -= learningRate * p.grad }
        losses.append(loss.data)
    }
    return losses
    // END SOLUTION
}
