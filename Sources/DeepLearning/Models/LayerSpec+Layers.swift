import TensorCore

/// Building real, trainable layers from a `LayerSpec` list, so that an architecture's table
/// (`ArchitectureTable`) and the network that is trained can never disagree.
///
/// - conv and dense weights are drawn from `weightInitializer` (default He uniform, Keras's
///   `he_uniform` / PyTorch's `kaiming_uniform_(nonlinearity="relu")`, suited to ReLU nets),
///   biases start at zero; every draw comes from `generator`, in layer order;
/// - conv and dense layers with biases, pooling without padding (as the real layers have them);
/// - batch norm uses the layer's defaults (PyTorch's momentum 0.1, ε = 1e−5);
/// - residual blocks and adaptive pooling are table-only here: building one stops with a message.
extension Sequential {
    /// The layers of `specs` for inputs of shape `inputShape` (one example, without the batch
    /// dimension: `[C, H, W]` or `[D]`).
    public init(specs: [LayerSpec], inputShape: [Int], weightInitializer: Initializer = .heUniform,
                using generator: inout SeededGenerator) {
        var shape = inputShape
        var layers: [AnyLayer] = []
        for spec in specs {
            switch spec {
            case let .conv(f, k, s, p, bias):
                requireThat(shape.count == 3, "Sequential(specs:): \(spec.label) needs a feature map [C, H, W], got \(shape)")
                requireThat(bias, "Sequential(specs:): \(spec.label) without bias is table-only (Conv2D always has one)")
                let weight = weightInitializer.make([f, shape[0], k, k], using: &generator)
                layers.append(AnyLayer(Conv2D(weight: weight, bias: Tensor.zeros([f]), stride: s, padding: p)))
            case let .pool(kind, size, stride, padding):
                requireThat(padding == 0, "Sequential(specs:): \(spec.label): padded pooling is table-only")
                layers.append(kind == .max ? AnyLayer(MaxPool2D(size: size, stride: stride))
                                           : AnyLayer(AveragePool2D(size: size, stride: stride)))
            case let .dense(d, bias):
                requireThat(bias, "Sequential(specs:): \(spec.label) without bias is table-only (Dense always has one)")
                requireThat(shape.count == 1, "Sequential(specs:): \(spec.label) needs flat features [D], got \(shape)")
                layers.append(AnyLayer(Dense(weight: weightInitializer.make([shape[0], d], using: &generator),
                                             bias: Tensor.zeros([d]))))
            case .flatten: layers.append(AnyLayer(Flatten()))
            case .relu: layers.append(AnyLayer(ReLU()))
            case .tanh: layers.append(AnyLayer(Tanh()))
            case .sigmoid: layers.append(AnyLayer(Sigmoid()))
            case let .dropout(rate): layers.append(AnyLayer(Dropout(p: rate)))
            case .batchNorm: layers.append(AnyLayer(BatchNorm(featureCount: shape[0])))
            case .adaptiveAveragePool, .residual:
                failWith("Sequential(specs:): \(spec.label) is table-only; build it from real layers by hand")
            }
            do { shape = try spec.walk(shape).shape } catch { failWith("Sequential(specs:): \(error)") }
        }
        self.init(layers)
    }
}
