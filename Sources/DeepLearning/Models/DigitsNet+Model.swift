import TensorCore

/// The trainable digits CNN: the layers of `DigitsNet.layers` built from the real layers
/// (`Conv2D`, `ReLU`, `MaxPool2D`, `Flatten`, `Dense`), so the trained network is exactly the one
/// `DigitsNet.table()` describes.
///
/// Initialisation: He uniform weights (`U(±√(6/fanIn))`, Keras's `he_uniform`, suited to the ReLU
/// after every hidden layer), zero biases, every draw from `SeededGenerator(seed:)` in layer
/// order, so equal seeds give equal networks. Inputs `[N, 1, 8, 8]` (NCHW), outputs logits
/// `[N, 10]` (train with `softmaxCrossEntropy(logits:labels:)`).
extension DigitsNet {
    /// A freshly initialised digits network, its convolutions computing in `convolutionPrecision`
    /// (the weights are the same whichever precision).
    public static func makeModel(seed: UInt64 = 0, convolutionPrecision: ConvolutionPrecision = .double) -> Sequential {
        var generator = SeededGenerator(seed: seed)
        var model = Sequential(specs: layers, inputShape: inputShape, weightInitializer: .heUniform, using: &generator)
        for (index, layer) in model.layers.enumerated() {
            guard var convolution = layer.unwrapped(as: Conv2D.self) else { continue }
            convolution.precision = convolutionPrecision
            model.layers[index] = AnyLayer(convolution)
        }
        return model
    }

    /// The first convolution of a digits network (its learned filters are plotted in L7).
    public static func firstConvolution(of model: Sequential) -> Conv2D? {
        model.layers.lazy.compactMap { $0.unwrapped(as: Conv2D.self) }.first
    }
}
