import XCTest
import Testing
import TensorCore
import CheckSupport
import Ex1

/// ex1.2 in XCTest, beside the Swift Testing suites of ex1: one exercise may mix both. A failing
/// `#expect` inside an XCTest method fails the check like an `XCTAssert`.
final class ParameterCountChecks: XCTestCase {
    func testParameterCountWithBiases() {
        let count = student { Ex1.denseParameterCount(layerSizes: [4, 5, 3], includeBiases: true) }
        // 4·5 + 5 + 5·3 + 3 = 43
        #expect(count == 43, "parameters of a 4 → 5 → 3 net with biases")
    }
}
