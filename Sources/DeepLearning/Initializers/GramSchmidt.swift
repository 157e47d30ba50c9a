/// Orthonormalizes the columns of a row-major `rows × columns` matrix (`rows ≥ columns`) with
/// modified Gram–Schmidt, applied twice ("twice is enough", Giraud et al. 2005) so the result
/// stays orthonormal to rounding error even when the input is badly conditioned.
///
/// The result is the `Q` of `A = Q·R` with a positive diagonal in `R`: each column keeps the
/// sign of its projection on the original column, which makes `Q` Haar distributed when `A` is
/// Gaussian. A column that is numerically dependent on the previous ones (probability zero for a
/// Gaussian draw) is replaced by the first unit vector orthogonal to them.
func orthonormalizeColumns(_ matrix: [Double], rows: Int, columns: Int) -> [Double] {
    precondition(rows >= columns, "orthonormalizeColumns: \(rows) rows < \(columns) columns; a tall matrix is needed")
    precondition(matrix.count == rows * columns, "orthonormalizeColumns: \(matrix.count) values for a \(rows)×\(columns) matrix")
    var q = matrix
    func column(_ j: Int) -> [Double] { (0..<rows).map { q[$0 * columns + j] } }
    func setColumn(_ j: Int, _ v: [Double]) { for i in 0..<rows { q[i * columns + j] = v[i] } }
    func dot(_ a: [Double], _ b: [Double]) -> Double { zip(a, b).reduce(0) { $0 + $1.0 * $1.1 } }

    for j in 0..<columns {
        var v = column(j)
        let original = v
        for _ in 0..<2 {
            for k in 0..<j {
                let qk = column(k)
                let projection = dot(qk, v)
                for i in 0..<rows { v[i] -= projection * qk[i] }
            }
        }
        var norm = dot(v, v).squareRoot()
        if norm < 1e-12 * max(1, dot(original, original).squareRoot()) {
            // Dependent column: use a basis vector orthogonal to the columns so far.
            for e in 0..<rows {
                var candidate = [Double](repeating: 0, count: rows)
                candidate[e] = 1
                for k in 0..<j {
                    let qk = column(k)
                    let projection = dot(qk, candidate)
                    for i in 0..<rows { candidate[i] -= projection * qk[i] }
                }
                let n = dot(candidate, candidate).squareRoot()
                if n > 1e-6 { v = candidate; norm = n; break }
            }
        }
        setColumn(j, v.map { $0 / norm })
    }
    return q
}
