import TensorCore

/// What a forward pass needs besides its input: train or eval mode, and the generator for dropout.
///
/// `training == true` makes `Dropout` drop units and `BatchNorm` use (and update) batch
/// statistics; `training == false` (evaluation / inference) makes both deterministic.
/// Every random draw of a forward pass comes from `generator`, so equal seeds give equal masks.
public struct ForwardContext {
    /// Train mode (`true`) or evaluation mode (`false`).
    public var training: Bool
    /// The generator every random draw of the forward pass comes from (dropout masks).
    public var generator: SeededGenerator

    /// A context in train or eval mode whose generator starts at `seed` (default 0).
    public init(training: Bool, seed: UInt64 = 0) {
        self.training = training
        self.generator = SeededGenerator(seed: seed)
    }
}

/// A differentiable layer (value type): `forward` returns the output and the cache that
/// `backward` needs; `backward` turns the gradient of the loss with respect to the output into
/// the gradients with respect to the input and to every parameter.
///
/// Shapes always include the batch dimension `N` first (`[N, D]` for dense data, `[N, C, H, W]`
/// for images, NCHW as PyTorch). The cache is passed back explicitly, so a layer can run several
/// forward passes before their backward passes (as a gradient check does).
public protocol Layer {
    /// What `forward` keeps for `backward` (inputs, masks, normalised values, …).
    associatedtype Cache

    /// A short description with the hyper-parameters, e.g. `"conv 5×5×16 s1 p2"`.
    var name: String { get }
    /// The trainable tensors in a fixed, documented order (e.g. `[weight, bias]`).
    var parameters: [Tensor] { get set }
    /// One name per parameter, in the order of `parameters` (e.g. `["weight", "bias"]`).
    var parameterNames: [String] { get }
    /// The output shape for an input of shape `inputShape` (which includes the batch dimension
    /// `N`); stops with a message naming the shape when the input does not fit the layer.
    func outputShape(for inputShape: [Int]) -> [Int]
    /// The forward pass. `mutating` because some layers update state while training
    /// (batch norm's running statistics).
    mutating func forward(_ input: Tensor, context: inout ForwardContext) -> (output: Tensor, cache: Cache)
    /// The backward pass: `outputGradient` = ∂L/∂output (shape of the output). Returns
    /// ∂L/∂input (shape of the input) and ∂L/∂parameter for every parameter, in the order of
    /// `parameters`.
    func backward(_ outputGradient: Tensor, cache: Cache) -> (inputGradient: Tensor, parameterGradients: [Tensor])
}

extension Layer {
    /// The number of trainable scalars: the sum of the parameters' element counts.
    public var parameterCount: Int { parameters.reduce(0) { $0 + $1.count } }

    /// The output of a forward pass in evaluation mode, leaving `self` unchanged.
    public func inference(_ input: Tensor) -> Tensor {
        var copy = self
        var context = ForwardContext(training: false)
        return copy.forward(input, context: &context).output
    }
}

/// A type-erased layer (its `Cache` is `Any`), so that layers of different types can sit in one
/// array (`Sequential`). It keeps value semantics: copying an `AnyLayer` copies the layer.
public struct AnyLayer: Layer {
    public typealias Cache = Any

    /// The wrapped layer.
    public private(set) var base: any Layer
    private let forwardBody: (inout any Layer, Tensor, inout ForwardContext) -> (Tensor, Any)
    private let backwardBody: (any Layer, Tensor, Any) -> (Tensor, [Tensor])

    /// Wraps `layer` (an `AnyLayer` is not wrapped twice).
    public init<L: Layer>(_ layer: L) {
        if let already = layer as? AnyLayer {
            self = already
            return
        }
        base = layer
        forwardBody = { base, input, context in
            var concrete = base as! L
            let (output, cache) = concrete.forward(input, context: &context)
            base = concrete
            return (output, cache)
        }
        backwardBody = { base, gradient, cache in
            guard let typed = cache as? L.Cache else {
                failWith("AnyLayer(\(base.name)).backward: the cache is a \(type(of: cache)), not the \(L.Cache.self) this layer's forward returns")
            }
            return (base as! L).backward(gradient, cache: typed)
        }
    }

    /// The wrapped layer as `L`, or nil if it is another type.
    public func unwrapped<L: Layer>(as type: L.Type) -> L? { base as? L }

    public var name: String { base.name }
    public var parameters: [Tensor] {
        get { base.parameters }
        set { base.parameters = newValue }
    }
    public var parameterNames: [String] { base.parameterNames }
    public func outputShape(for inputShape: [Int]) -> [Int] { base.outputShape(for: inputShape) }

    public mutating func forward(_ input: Tensor, context: inout ForwardContext) -> (output: Tensor, cache: Any) {
        let (output, cache) = forwardBody(&base, input, &context)
        return (output, cache)
    }

    public func backward(_ outputGradient: Tensor, cache: Any) -> (inputGradient: Tensor, parameterGradients: [Tensor]) {
        let (inputGradient, gradients) = backwardBody(base, outputGradient, cache)
        return (inputGradient, gradients)
    }
}
