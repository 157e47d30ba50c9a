import TensorCore

/// One neuron of `Value`s (micrograd's `Neuron`): `act(Σ_i w_i x_i + b)` with weights drawn from
/// `U(−1, 1)` (micrograd's convention) and bias 0; `activation` is tanh (default), relu or none.
public final class Neuron {
    public enum Activation: Sendable { case tanh, relu, linear }

    public let weights: [Value]
    public let bias: Value
    public let activation: Activation

    public init(inputCount: Int, activation: Activation = .tanh, using generator: inout SeededGenerator) {
        weights = (0..<inputCount).map { _ in Value(generator.uniform(in: -1...1)) }
        bias = Value(0)
        self.activation = activation
    }

    public func callAsFunction(_ x: [Value]) -> Value {
        requireThat(x.count == weights.count, "Neuron: \(x.count) inputs for \(weights.count) weights")
        var sum = bias
        for (w, xi) in zip(weights, x) { sum = sum + w * xi }
        switch activation {
        case .tanh: return sum.tanh()
        case .relu: return sum.relu()
        case .linear: return sum
        }
    }

    /// `weights + [bias]`.
    public var parameters: [Value] { weights + [bias] }
}

/// A layer of independent neurons over the same inputs (micrograd's `Layer`).
public final class NeuronLayer {
    public let neurons: [Neuron]

    public init(inputCount: Int, outputCount: Int, activation: Neuron.Activation = .tanh, using generator: inout SeededGenerator) {
        neurons = (0..<outputCount).map { _ in Neuron(inputCount: inputCount, activation: activation, using: &generator) }
    }

    public func callAsFunction(_ x: [Value]) -> [Value] { neurons.map { $0(x) } }
    public var parameters: [Value] { neurons.flatMap(\.parameters) }
}

/// A multi-layer perceptron of `Value`s (micrograd's `MLP`): `sizes = [in, h1, …, out]`, tanh
/// hidden layers and a linear output layer; every weight from the seeded generator.
///
///     var g = SeededGenerator(seed: 0)
///     let net = MLP(sizes: [3, 4, 4, 1], using: &g)
///     let loss = (net([Value(2), Value(3), Value(-1)])[0] - 1).pow(2)
///     net.zeroGrad(); loss.backward()
///     for p in net.parameters { p.data -= 0.05 * p.grad }
public final class MLP {
    public let layers: [NeuronLayer]

    public init(sizes: [Int], hiddenActivation: Neuron.Activation = .tanh, using generator: inout SeededGenerator) {
        requireThat(sizes.count >= 2 && sizes.allSatisfy { $0 >= 1 }, "MLP: sizes \(sizes) need an input and an output size ≥ 1")
        layers = (0..<sizes.count - 1).map { i in
            NeuronLayer(inputCount: sizes[i], outputCount: sizes[i + 1],
                        activation: i == sizes.count - 2 ? .linear : hiddenActivation, using: &generator)
        }
    }

    public func callAsFunction(_ x: [Value]) -> [Value] { layers.reduce(x) { $1($0) } }
    public func callAsFunction(_ x: [Double]) -> [Value] { self(x.map { Value($0) }) }

    public var parameters: [Value] { layers.flatMap(\.parameters) }

    /// Sets every parameter's `grad` to 0 (before each backward of a training step).
    public func zeroGrad() { for p in parameters { p.grad = 0 } }
}
