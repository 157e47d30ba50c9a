#if canImport(XCTest)
import Foundation
import XCTest

// How a runner starts one XCTest method: the two XCTests differ here and only here.
#if canImport(Darwin)
/// Apple's XCTest (Xcode) has no `XCTMain`: a check is one test case, made by its selector and run.
/// Written from Apple's documentation; no Mac has run it in this project (README: Platforms).
public typealias XCTestEntry = () -> XCTestCase

/// Runs the test cases one after the other, then exits.
func runXCTests(_ entries: [XCTestEntry]) -> Never {
    for entry in entries { entry().run() }
    exit(0)
}
#else
/// swift-corelibs-xctest (Linux): a check is a one-method `testCase(...)` entry for `XCTMain`.
public typealias XCTestEntry = () -> XCTestCaseEntry

/// Runs the entries one after the other (`XCTMain` exits when they are done).
func runXCTests(_ entries: [XCTestEntry]) -> Never {
    XCTMain(entries.map { $0() })
}
#endif
#endif
