import XCTest
import Foundation
#if canImport(Glibc)
import Glibc
#endif
@testable import DeepLearning

/// Every figure in `lectures/figures/` is embedded in a note, is what `course plots` writes, and
/// renders through a real SVG renderer (`rsvg-convert`, Debian package `librsvg2-bin`; `.ci/run`
/// installs it) to a PNG of the size the SVG declares that is not blank. Without the renderer the
/// rendering test is skipped, and says so.
final class LectureFigureRenderingTests: XCTestCase {
    private static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    private static let figures = root.appendingPathComponent("lectures/figures")

    /// `figures/NAME.svg` references of every note, by note file name.
    private func embedded() throws -> [String: [String]] {
        let lectures = Self.root.appendingPathComponent("lectures")
        var result: [String: [String]] = [:]
        for file in try FileManager.default.contentsOfDirectory(atPath: lectures.path).sorted()
        where file.hasPrefix("L") && file.hasSuffix(".md") {
            let text = try String(contentsOf: lectures.appendingPathComponent(file), encoding: .utf8)
            let pattern = try NSRegularExpression(pattern: #"!\[[^\]]+\]\(figures/([A-Za-z0-9-]+\.svg)\)"#)
            let matches = pattern.matches(in: text, range: NSRange(text.startIndex..., in: text))
            result[file] = matches.map { String(text[Range($0.range(at: 1), in: text)!]) }
        }
        return result
    }

    func testEveryFigureIsEmbeddedInItsNoteAndExists() throws {
        let byNote = try embedded()
        let all = Set(byNote.values.flatMap { $0 })
        for name in LectureFigures.fileNames {
            XCTAssertTrue(all.contains(name), "\(name) is written by `course plots` but embedded in no note")
            XCTAssertTrue(FileManager.default.fileExists(atPath: Self.figures.appendingPathComponent(name).path),
                          "lectures/figures/\(name) is missing: run `swift run -c release course plots`")
        }
        for name in all {
            XCTAssertTrue(LectureFigures.fileNames.contains(name), "a note embeds \(name), which `course plots` does not write")
        }
        // The mechanism figures sit in the notes that teach them.
        let expected = ["L1": ["activations.svg"], "L2": ["computation-graph.svg"],
                        "L3": ["lr-schedules.svg", "optimizer-paths.svg"], "L4": ["init-activation-stats.svg"],
                        "L5": ["dropout-masks.svg", "batchnorm-statistics.svg"],
                        "L6": ["conv-sliding-window.svg", "conv-padding-stride.svg", "im2col.svg"],
                        "L7": ["maxpool-gradient.svg", "lenet-filters.svg"], "L8": ["lenet-digits-curves.svg"]]
        for (note, names) in expected {
            let figures = byNote.first { $0.key.hasPrefix(note + "-") }?.value ?? []
            for name in names { XCTAssertTrue(figures.contains(name), "\(note) does not embed \(name)") }
        }
    }

    /// The committed diagrams are exactly what the code draws (the slow L4 figure and the two
    /// figures of a training run excepted), so a figure cannot drift from the reference code.
    func testCommittedDiagramsAreWhatCoursePlotsWrites() throws {
        for (name, draw) in LectureFigures.diagramMakers where name != "init-activation-stats.svg" {
            let svg = draw()
            let onDisk = try String(contentsOf: Self.figures.appendingPathComponent(name), encoding: .utf8)
            XCTAssertEqual(onDisk, svg, "lectures/figures/\(name) is stale: run `swift run -c release course plots`")
        }
    }

    func testEveryFigureRendersToANonBlankPNGOfItsDeclaredSize() throws {
        guard let renderer = Self.executable("rsvg-convert") else {
            throw XCTSkip("skipped: rsvg-convert is not installed (Debian: apt-get install librsvg2-bin; .ci/run installs it)")
        }
        guard let inflate = ZlibInflate() else { throw XCTSkip("skipped: libz.so.1 cannot be loaded to read the PNGs") }
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("lecture-figures-\(getpid())")
        try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: output) }
        for name in LectureFigures.fileNames {
            let svgURL = Self.figures.appendingPathComponent(name)
            let svg = try String(contentsOf: svgURL, encoding: .utf8)
            guard let (width, height) = Self.declaredSize(svg) else { XCTFail("\(name): no width and height on the root"); continue }
            let png = output.appendingPathComponent(name.replacingOccurrences(of: ".svg", with: ".png"))
            let process = Process()
            process.executableURL = URL(fileURLWithPath: renderer)
            process.arguments = [svgURL.path, "-o", png.path]
            let errors = Pipe()
            process.standardError = errors
            try process.run()
            process.waitUntilExit()
            let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            XCTAssertEqual(process.terminationStatus, 0, "\(name): rsvg-convert failed: \(message)")
            XCTAssertFalse(message.contains("rror"), "\(name): the renderer complained: \(message)")
            guard process.terminationStatus == 0 else { continue }
            let image = try PNGImage(Data(contentsOf: png), inflate: inflate)
            XCTAssertEqual(image.width, width, "\(name): rendered width")
            XCTAssertEqual(image.height, height, "\(name): rendered height")
            // Not blank: a real share of the pixels is drawn, in several colours.
            let inked = image.pixels.filter { $0.r < 230 || $0.g < 230 || $0.b < 230 }.count
            let share = Double(inked) / Double(image.width * image.height)
            XCTAssertGreaterThan(share, 0.01, "\(name): only \(inked) of \(image.width * image.height) pixels drawn")
            XCTAssertLessThan(share, 0.9, "\(name): \(inked) of \(image.width * image.height) pixels dark: a failed render?")
            let colours = Set(image.pixels.lazy.prefix(400_000).map { Int($0.r) << 16 | Int($0.g) << 8 | Int($0.b) })
            XCTAssertGreaterThan(colours.count, 8, "\(name): only \(colours.count) colours")
        }
    }

    /// The decoder and the "drawn" measure on images whose answer is known: a white page has no
    /// ink, a page whose left half is black has half.
    func testTheInkMeasureOnKnownImages() throws {
        guard let renderer = Self.executable("rsvg-convert") else {
            throw XCTSkip("skipped: rsvg-convert is not installed (Debian: apt-get install librsvg2-bin; .ci/run installs it)")
        }
        guard let inflate = ZlibInflate() else { throw XCTSkip("skipped: libz.so.1 cannot be loaded to read the PNGs") }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ink-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        for (name, body, expected) in [("blank", "", 0.0), ("half", #"<rect width="100" height="60" fill="black"/>"#, 0.5)] {
            let svg = folder.appendingPathComponent(name + ".svg"), png = folder.appendingPathComponent(name + ".png")
            try (#"<svg xmlns="http://www.w3.org/2000/svg" width="200" height="60"><rect width="100%" height="100%" fill="white"/>"# + body + "</svg>")
                .write(to: svg, atomically: true, encoding: .utf8)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: renderer)
            process.arguments = [svg.path, "-o", png.path]
            try process.run(); process.waitUntilExit()
            let image = try PNGImage(Data(contentsOf: png), inflate: inflate)
            XCTAssertEqual(image.width, 200); XCTAssertEqual(image.height, 60)
            let inked = Double(image.pixels.filter { $0.r < 230 || $0.g < 230 || $0.b < 230 }.count) / Double(200 * 60)
            XCTAssertEqual(inked, expected, accuracy: 0.01, name)
        }
    }

    static func declaredSize(_ svg: String) -> (Int, Int)? {
        guard let root = svg.range(of: "<svg "), let end = svg[root.upperBound...].firstIndex(of: ">") else { return nil }
        let tag = String(svg[root.upperBound..<end])
        func attribute(_ name: String) -> Int? {
            guard let r = tag.range(of: " \(name)=\"") ?? (tag.hasPrefix("\(name)=\"") ? tag.range(of: "\(name)=\"") : nil) else { return nil }
            return Int(tag[r.upperBound...].prefix { $0 != "\"" })
        }
        guard let w = attribute("width"), let h = attribute("height") else { return nil }
        return (w, h)
    }

    /// The renderer: `LECTURE_FIGURE_RENDERER` when set (a path; "none" to act as if there were
    /// none, which is how the skip is tried), else `name` on the PATH.
    static func executable(_ name: String) -> String? {
        if let chosen = ProcessInfo.processInfo.environment["LECTURE_FIGURE_RENDERER"] {
            return FileManager.default.isExecutableFile(atPath: chosen) ? chosen : nil
        }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        let folders = path.split(separator: ":").map(String.init) + ["/usr/bin", "/usr/local/bin"]
        return folders.map { $0 + "/" + name }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }
}

/// zlib's `uncompress`, loaded from the system's libz at run time (no package dependency).
struct ZlibInflate {
    private typealias Uncompress = @convention(c) (UnsafeMutablePointer<UInt8>, UnsafeMutablePointer<UInt>,
                                                   UnsafePointer<UInt8>, UInt) -> Int32
    private let function: Uncompress

    init?() {
        guard let handle = dlopen("libz.so.1", RTLD_NOW) ?? dlopen("libz.so", RTLD_NOW),
              let symbol = dlsym(handle, "uncompress") else { return nil }
        function = unsafeBitCast(symbol, to: Uncompress.self)
    }

    /// Inflates a zlib stream whose inflated size is exactly `size`.
    func callAsFunction(_ data: [UInt8], size: Int) -> [UInt8]? {
        var out = [UInt8](repeating: 0, count: size)
        var length = UInt(size)
        let status = out.withUnsafeMutableBufferPointer { o in
            data.withUnsafeBufferPointer { i in function(o.baseAddress!, &length, i.baseAddress!, UInt(data.count)) }
        }
        return status == 0 && Int(length) == size ? out : nil
    }
}

/// An 8-bit RGB or RGBA PNG, decoded (chunks, inflate, the five row filters).
struct PNGImage {
    struct Pixel { var r: UInt8, g: UInt8, b: UInt8 }
    let width: Int, height: Int
    let pixels: [Pixel]

    struct Malformed: Error, CustomStringConvertible { let description: String }

    init(_ data: Data, inflate: ZlibInflate) throws {
        let bytes = [UInt8](data)
        guard bytes.starts(with: [137, 80, 78, 71, 13, 10, 26, 10]) else { throw Malformed(description: "no PNG signature") }
        func u32(_ i: Int) -> Int { Int(bytes[i]) << 24 | Int(bytes[i + 1]) << 16 | Int(bytes[i + 2]) << 8 | Int(bytes[i + 3]) }
        var offset = 8, idat: [UInt8] = []
        var (w, h, depth, colourType, interlace) = (0, 0, 0, 0, 0)
        while offset + 8 <= bytes.count {
            let length = u32(offset)
            let type = String(decoding: bytes[(offset + 4)..<(offset + 8)], as: UTF8.self)
            let body = (offset + 8)..<(offset + 8 + length)
            if type == "IHDR" {
                (w, h) = (u32(body.lowerBound), u32(body.lowerBound + 4))
                (depth, colourType, interlace) = (Int(bytes[body.lowerBound + 8]), Int(bytes[body.lowerBound + 9]), Int(bytes[body.lowerBound + 12]))
            } else if type == "IDAT" {
                idat += bytes[body]
            } else if type == "IEND" { break }
            offset = body.upperBound + 4
        }
        guard depth == 8, colourType == 2 || colourType == 6, interlace == 0 else {
            throw Malformed(description: "unsupported PNG: depth \(depth), colour type \(colourType), interlace \(interlace)")
        }
        let bpp = colourType == 6 ? 4 : 3, stride = w * bpp
        guard let raw = inflate(idat, size: h * (stride + 1)) else { throw Malformed(description: "IDAT does not inflate") }
        var rows = [UInt8](repeating: 0, count: h * stride)
        for y in 0..<h {
            let filter = raw[y * (stride + 1)]
            for x in 0..<stride {
                let v = Int(raw[y * (stride + 1) + 1 + x])
                let a = x >= bpp ? Int(rows[y * stride + x - bpp]) : 0
                let b = y > 0 ? Int(rows[(y - 1) * stride + x]) : 0
                let c = x >= bpp && y > 0 ? Int(rows[(y - 1) * stride + x - bpp]) : 0
                let predictor: Int
                switch filter {
                case 0: predictor = 0
                case 1: predictor = a
                case 2: predictor = b
                case 3: predictor = (a + b) / 2
                case 4:
                    let p = a + b - c, pa = abs(p - a), pb = abs(p - b), pc = abs(p - c)
                    predictor = pa <= pb && pa <= pc ? a : (pb <= pc ? b : c)
                default: throw Malformed(description: "row \(y): unknown filter \(filter)")
                }
                rows[y * stride + x] = UInt8((v + predictor) & 0xFF)
            }
        }
        // Composite over white, so that transparent pixels count as background.
        var pixels: [Pixel] = []
        pixels.reserveCapacity(w * h)
        for i in 0..<(w * h) {
            let p = i * bpp
            let alpha = bpp == 4 ? Double(rows[p + 3]) / 255 : 1
            func over(_ v: UInt8) -> UInt8 { UInt8((Double(v) * alpha + 255 * (1 - alpha)).rounded()) }
            pixels.append(Pixel(r: over(rows[p]), g: over(rows[p + 1]), b: over(rows[p + 2])))
        }
        (width, height, self.pixels) = (w, h, pixels)
    }
}
