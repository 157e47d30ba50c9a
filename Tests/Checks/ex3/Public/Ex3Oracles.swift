import Foundation
import TensorCore
import CheckSupport
import Ex3

// The check's own helpers and oracles for ex3. Functions that take or make a `Value` (or any
// other type of the exercise) are called only inside `student { }`; everything else is plain
// numbers, computed by the check.

// MARK: Nodes, as plain values

/// The name of an operation, by a switch written here (not the exercise's description): call only inside `student { }`.
func opName(_ op: Value.Operation) -> String {
    switch op {
    case .leaf: return "leaf"
    case .add: return "add"
    case .mul: return "mul"
    case .pow(let p): return "pow(\(format(p)))"
    case .exp: return "exp"
    case .log: return "log"
    case .tanh: return "tanh"
    case .relu: return "relu"
    case .sigmoid: return "sigmoid"
    case .custom: return "custom"
    }
}

/// What a node records, as plain values the graded process can hand over.
struct NodeRecord: Recordable {
    var data: Double
    var op: String
    var childCount: Int
    /// For each expected input, in order: is the node's child at that position that very object?
    var childIsInput: [Bool]
    var childData: [Double]

    func record(into writer: inout RecordWriter) {
        writer.write(data)
        writer.write(op)
        writer.write(childCount)
        childIsInput.record(into: &writer)
        writer.write(doubles: childData)
    }

    static func replay(from reader: inout RecordReader) throws(RecordError) -> NodeRecord {
        let data = try reader.readDouble()
        let op = try reader.readString()
        let childCount = try reader.readInt()
        let childIsInput = try [Bool].replay(from: &reader)
        let childData = try reader.readDoubles()
        return NodeRecord(data: data, op: op, childCount: childCount, childIsInput: childIsInput, childData: childData)
    }
}

/// A node as a `NodeRecord`, its children compared by identity with `inputs`: call only inside `student { }`.
func nodeRecord(_ node: Value, inputs: [Value]) -> NodeRecord {
    NodeRecord(data: node.data, op: opName(node.op), childCount: node.children.count,
               childIsInput: zip(node.children, inputs).map { $0 === $1 }, childData: node.children.map(\.data))
}

// MARK: Operations, as the check's own rules

/// An operation of ex3.2, named here so that the check's tables hold no value of the exercise's types.
enum Rule {
    case add, mul, pow(Double), exp, log, tanh, relu, sigmoid, leaf

    /// The exercise's operation: call only inside `student { }`.
    var op: Value.Operation {
        switch self {
        case .add: return .add
        case .mul: return .mul
        case .pow(let p): return .pow(p)
        case .exp: return .exp
        case .log: return .log
        case .tanh: return .tanh
        case .relu: return .relu
        case .sigmoid: return .sigmoid
        case .leaf: return .leaf
        }
    }
}

// MARK: The graphs of ex3.3, built from nodes with explicit local gradients (call only inside `student { }`)

// These do not depend on the student's ex3.1 and ex3.2.
func add(_ a: Value, _ b: Value) -> Value { Value(a.data + b.data, children: [a, b], localGradients: [1, 1], label: "+") }
func mul(_ a: Value, _ b: Value) -> Value { Value(a.data * b.data, children: [a, b], localGradients: [b.data, a.data], label: "*") }
func plus(_ a: Value, _ c: Double) -> Value { Value(a.data + c, children: [a], localGradients: [1], label: "+\(c)") }
func tanhNode(_ a: Value) -> Value { let t = tanh(a.data); return Value(t, children: [a], localGradients: [1 - t * t], label: "tanh") }

/// x, y → a = x·y, b = tanh a, c = a·a, d = b + c, e = d·a, g = e + y: forks at a (three uses) and y (two).
func diamondGraph(x: Double, y: Double) -> (x: Value, y: Value, nodes: [Value], root: Value) {
    let xv = Value(x, label: "x"), yv = Value(y, label: "y")
    let a = mul(xv, yv), b = tanhNode(a), c = mul(a, a), d = add(b, c), e = mul(d, a), g = add(e, yv)
    return (xv, yv, [xv, yv, a, b, c, d, e, g], g)
}

/// The diamond's nodes, in the order of `diamondGraph(…).nodes`, and the children of each (indices into it).
let diamondNames = ["x", "y", "a = x·y", "b = tanh a", "c = a·a", "d = b + c", "e = d·a", "g = e + y"]
let diamondChildren: [[Int]] = [[], [], [0, 1], [2], [2, 2], [3, 4], [5, 2], [6, 1]]

/// The diamond's root as a function of [x, y] (the oracle forward pass).
func diamondFunction(_ p: Tensor) -> Double {
    let a = p[0] * p[1]
    return (tanh(a) + a * a) * a + p[1]
}

/// ∂g/∂node for every node of the diamond, in the order of `diamondGraph(…).nodes`, by hand.
func diamondGradients(x: Double, y: Double) -> [Double] {
    let a = x * y, b = tanh(a), c = a * a, d = b + c
    let dg = 1.0, de = dg
    var dy = dg
    let dd = a * de
    var da = d * de
    let db = dd, dc = dd
    da += 2 * a * dc
    da += (1 - b * b) * db
    let dx = y * da
    dy += x * da
    return [dx, dy, da, db, dc, dd, de, dg]
}

/// Where each node of the order stands in `nodes` (−1 for a node that is not one of them): call only inside `student { }`.
func indices(of order: [Value], in nodes: [Value]) -> [Int] {
    order.map { node in nodes.firstIndex { $0 === node } ?? -1 }
}

// MARK: The MLP of ex3.4, in plain numbers

/// A tanh MLP held as numbers: `weights[layer][neuron][input]`, `biases[layer][neuron]`.
struct OracleMLP {
    var weights: [[[Double]]]
    var biases: [[Double]]

    init(weights: [[[Double]]], biases: [[Double]]) { self.weights = weights; self.biases = biases }

    /// The documented initialisation: layer by layer, neuron by neuron, each weight one
    /// `generator.uniform(in: -1...1)`, in order; every bias 0.
    init(inputs: Int, layerSizes: [Int], using generator: inout SeededGenerator) {
        var weights: [[[Double]]] = [], biases: [[Double]] = []
        var width = inputs
        for size in layerSizes {
            var layer: [[Double]] = []
            for _ in 0..<size {
                var w: [Double] = []
                for _ in 0..<width { w.append(generator.uniform(in: -1...1)) }
                layer.append(w)
            }
            weights.append(layer)
            biases.append([Double](repeating: 0, count: size))
            width = size
        }
        self.init(weights: weights, biases: biases)
    }

    /// The shape alone, every parameter 0 (to be replaced through `parameters`).
    init(zerosWithInputs inputs: Int, layerSizes: [Int]) {
        let widths = [inputs] + layerSizes
        self.init(weights: layerSizes.indices.map { l in [[Double]](repeating: [Double](repeating: 0, count: widths[l]), count: layerSizes[l]) },
                  biases: layerSizes.map { [Double](repeating: 0, count: $0) })
    }

    /// Every parameter in the order of `MLP.parameters`: neuron by neuron, its weights, then its bias.
    var parameters: [Double] {
        get {
            var p: [Double] = []
            for (layer, b) in zip(weights, biases) {
                for (w, bias) in zip(layer, b) { p += w; p.append(bias) }
            }
            return p
        }
        set {
            guard newValue.count == parameterCount else { return }   // a wrong count is reported by the check
            var k = 0
            for l in weights.indices {
                for n in weights[l].indices {
                    for i in weights[l][n].indices { weights[l][n][i] = newValue[k]; k += 1 }
                    biases[l][n] = newValue[k]; k += 1
                }
            }
        }
    }

    /// The same numbers with `parameters` replaced (in its order).
    func with(parameters p: [Double]) -> OracleMLP {
        var copy = self
        copy.parameters = p
        return copy
    }

    var parameterCount: Int { zip(weights, biases).reduce(0) { $0 + $1.0.reduce(0) { $0 + $1.count } + $1.1.count } }

    /// The activations of every layer, the input first: tanh(b + Σ w·x) for every neuron.
    func activations(_ x: [Double]) -> [[Double]] {
        var all = [x]
        for (layer, b) in zip(weights, biases) {
            let input = all.last!
            all.append(zip(layer, b).map { w, bias in
                var sum = bias
                for (wi, xi) in zip(w, input) { sum += wi * xi }
                return Foundation.tanh(sum)
            })
        }
        return all
    }

    func callAsFunction(_ x: [Double]) -> [Double] { activations(x).last! }

    /// (1/N)·Σ (prediction − target)², the prediction being the first output.
    func loss(inputs: [[Double]], targets: [Double]) -> Double {
        var total = 0.0
        for (x, t) in zip(inputs, targets) { let d = self(x)[0] - t; total += d * d }
        return total * (1 / Double(targets.count))
    }

    /// ∂loss/∂parameter for every parameter, in the order of `parameters`, by backpropagation.
    func lossGradient(inputs: [[Double]], targets: [Double]) -> [Double] {
        var dW = weights.map { $0.map { $0.map { _ in 0.0 } } }
        var dB = biases.map { $0.map { _ in 0.0 } }
        for (x, t) in zip(inputs, targets) {
            let a = activations(x)
            var upstream = [Double](repeating: 0, count: a.last!.count)
            upstream[0] = 2 * (a.last![0] - t) / Double(targets.count)
            for l in stride(from: weights.count - 1, through: 0, by: -1) {
                let output = a[l + 1], input = a[l]
                var down = [Double](repeating: 0, count: input.count)
                for n in weights[l].indices {
                    let dz = upstream[n] * (1 - output[n] * output[n])
                    dB[l][n] += dz
                    for i in input.indices {
                        dW[l][n][i] += dz * input[i]
                        down[i] += dz * weights[l][n][i]
                    }
                }
                upstream = down
            }
        }
        return OracleMLP(weights: dW, biases: dB).parameters
    }

    /// One step of full-batch gradient descent: p −= learningRate·∂loss/∂p.
    mutating func step(inputs: [[Double]], targets: [Double], learningRate: Double) {
        let g = lossGradient(inputs: inputs, targets: targets)
        parameters = zip(parameters, g).map { $0 - learningRate * $1 }
    }

    /// The exercise's MLP with these numbers (tanh everywhere): call only inside `student { }`.
    var studentModel: Ex3.MLP {
        Ex3.MLP(layers: zip(weights, biases).map { layer, b in
            Ex3.Layer(neurons: zip(layer, b).map { Ex3.Neuron(weights: $0, bias: $1, activation: .tanh) })
        })
    }
}
