import XCTest
import TensorCore
@testable import DeepLearning

final class TopKTests: XCTestCase {
    func testTopKListsTheBestClassesFirstAndAgreesWithTopKAccuracy() {
        let scores = Tensor(shape: [3, 5], scalars: [0.1, 0.5, 0.05, 0.3, 0.05,
                                                     0.2, 0.2, 0.1, 0.4, 0.1,
                                                     0, 0, 0, 0, 1])
        XCTAssertEqual(Metrics.topK(scores, k: 1), [[1], [3], [4]])
        XCTAssertEqual(Metrics.topK(scores, k: 3), [[1, 3, 0], [3, 0, 1], [4, 0, 1]], "ties go to the lower index")
        let labels = [3, 1, 2]
        for k in 1...5 {
            let hits = zip(Metrics.topK(scores, k: k), labels).filter { $0.0.contains($0.1) }.count
            XCTAssertEqual(Double(hits) / 3, Metrics.topKAccuracy(scores: scores, labels: labels, k: k), "k = \(k)")
        }
        XCTAssertEqual(Metrics.topK(scores, k: 1).map { $0[0] }, Metrics.predictions(scores), "top-1 is the prediction")
    }
}
