import TensorCore

// ex8.5 — How many steps an optimizer needs on an ill-conditioned quadratic.
//
//     f(x, y) = ½·(x² + κ·y²),     ∇f(x, y) = [x, κ·y]
//
// κ ≫ 1 makes the valley steep across y and flat along x (condition number κ). Plain SGD is
// stable only for ε < 2/κ, and with such an ε it crawls along x: (1 − ε)ᵏ. Momentum and Adam
// get there in far fewer steps.
//
// `quadraticGradient` takes θ = [x, y] (shape [2]) and returns [x, κ·y].
// `stepsToConverge` keeps θ as a ONE-element parameter list `[θ]`, starting at `start`, and
// repeats: compute g = ∇f(θ); if ‖g‖ < tolerance, stop; otherwise `optimizer.step(&list,
// gradients: [g])`. It returns the number of steps taken, k, with the convention:
//   - 0 when ‖∇f(start)‖ < tolerance already (no step is taken);
//   - the first k with ‖∇f(θ_k)‖ < tolerance, where θ_k is the point after k steps;
//   - `maxSteps` when no such k < maxSteps exists (the count is capped).
// In short: min(first k with ‖∇f(θ_k)‖ < tolerance, maxSteps). ‖·‖ is the Euclidean norm
// (`Tensor.norm`). Work on a copy of the optimizer (`var optimizer = optimizer`).

/// ∇f for f(x, y) = ½(x² + κy²) at θ = [x, y]: `[x, κ·y]`.
public func quadraticGradient(_ theta: Tensor, kappa: Double) -> Tensor {
    todo("ex8.5")
}

/// min(first k with ‖∇f(θ_k)‖ < tolerance, maxSteps) for `optimizer` on f = ½(x² + κy²) from `start`.
public func stepsToConverge<O: Optimizer>(_ optimizer: O, kappa: Double, start: Tensor,
                                          tolerance: Double = 1e-6, maxSteps: Int = 10_000) -> Int {
    todo("ex8.5")
}
