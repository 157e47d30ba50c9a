import TensorCore

// ex1.2 — How many parameters a stack of dense layers has.
//
// `layerSizes` lists the width of every layer, input first: [D, H1, H2, …, M].
// Between consecutive widths a and b sits a weight matrix of a·b entries and, when
// `includeBiases` is true, a bias vector of b entries.
//
// Example from the lecture: a 400×400×3 image flattened (480,000 inputs), one hidden layer
// of 1,000 units and 10 outputs, weights only: 480,000·1,000 + 1,000·10 = 480,010,000.

/// The number of trainable parameters of a dense network with the given layer widths.
public func denseParameterCount(layerSizes: [Int], includeBiases: Bool) -> Int {
    todo("ex1.2")
}
