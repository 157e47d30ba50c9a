// The course's demo command: trains the digits CNN, prints architecture tables, writes the
// lecture figures. Run it in release mode (`swift run -c release course …`): the debug build is
// 10–50× slower at the numeric loops.
import Foundation
import DeepLearning

let usage = """
    usage: course <command> [options]

    commands:
      train-digits [--epochs N] [--seed S] [--batch-size B] [--learning-rate LR] [--validation-fraction F]
                          train the digits CNN (DigitsNet) with Adam and minibatches: a seeded
                          stratified 80/20 split into training and test images, then 10 % of the
                          training images held out for validation; the validation figures are
                          printed after every epoch, the test accuracy and confusion matrix once
                          at the end (defaults: 30 epochs, seed 0, batch 32, learning rate 0.003)
      table lenet5|cifar10|alexnet|vgg16|resnet18|digits
                          print an architecture's layer shapes and parameter counts
      plots [--out DIR] [--epochs N] [--diagrams-only yes]
                          write the lecture figures as SVG into DIR (default lectures/figures);
                          the digits curves and filters come from an N-epoch run (default 15);
                          --diagrams-only yes skips that run and writes the other figures
      help                this text
    """

struct UsageError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// `--name value` options after the subcommand; rejects unknown names and missing values.
func parseOptions(_ arguments: ArraySlice<String>, allowed: Set<String>) throws -> [String: String] {
    var options: [String: String] = [:]
    var rest = arguments[...]
    while let name = rest.popFirst() {
        guard name.hasPrefix("--"), allowed.contains(String(name.dropFirst(2))) else {
            throw UsageError("unknown option \(name) (allowed: \(allowed.sorted().map { "--" + $0 }.joined(separator: ", ")))")
        }
        guard let value = rest.popFirst() else { throw UsageError("\(name) needs a value") }
        options[String(name.dropFirst(2))] = value
    }
    return options
}

func number<T: LosslessStringConvertible>(_ options: [String: String], _ name: String, default value: T,
                                          valid: (T) -> Bool = { _ in true }) throws -> T {
    guard let text = options[name] else { return value }
    guard let parsed = T(text), valid(parsed) else { throw UsageError("--\(name) \(text) is not a valid value") }
    return parsed
}

func loadDigits() throws -> LabeledImages {
    do { return try Digits.load() } catch { throw UsageError("cannot load the digits: \(error)") }
}

func trainDigits(_ arguments: ArraySlice<String>) throws {
    let options = try parseOptions(arguments, allowed: ["epochs", "seed", "batch-size", "learning-rate", "validation-fraction"])
    let training = DigitsNet.TrainingOptions(
        epochs: try number(options, "epochs", default: 30, valid: { $0 > 0 }),
        batchSize: try number(options, "batch-size", default: 32, valid: { $0 > 0 }),
        learningRate: try number(options, "learning-rate", default: 0.003, valid: { $0 > 0 }),
        seed: try number(options, "seed", default: UInt64(0)),
        validationFraction: try number(options, "validation-fraction", default: DigitsNet.TrainingOptions().validationFraction,
                                       valid: { $0 >= 0 && $0 < 1 }))
    let data = try loadDigits()
    let (train, validation, test) = DigitsNet.splits(data, options: training)
    print("digits: \(data.count) images: \(train.count) for training, \(validation.count) for validation "
          + "(watched every epoch), \(test.count) for the test (used once, at the end); stratified, seed \(training.seed)")
    print(DigitsNet.table())
    print(String(format: "Adam, learning rate %g decaying linearly to %g, batch %d, %d epochs",
                 training.learningRate, training.learningRate / 10, training.batchSize, training.epochs))
    let bar = ProgressBar(totalEpochs: training.epochs, batchesPerEpoch: DigitsNet.batchesPerEpoch(data, options: training))
    let start = Date()
    let run = DigitsNet.train(data, options: training, progress: bar)
    let seconds = Date().timeIntervalSince(start)
    if let loss = run.history.validationLoss.last, let accuracy = run.history.validationAccuracy.last {
        print(String(format: "validation after the last epoch: loss %.4f, accuracy %.2f%% (%d of %d)", loss, 100 * accuracy,
                     Int((accuracy * Double(run.validationCount)).rounded()), run.validationCount))
    }
    print(String(format: "test accuracy %.2f%% (%d of %d), measured once after %d epochs in %.1f s",
                 100 * run.testAccuracy, zip(run.testPredictions, run.testLabels).filter { $0 == $1 }.count,
                 run.testLabels.count, training.epochs, seconds))
    print("confusion matrix (rows: true digit, columns: predicted):")
    print(Metrics.renderConfusionMatrix(run.confusionMatrix))
}

func printTable(_ arguments: ArraySlice<String>) throws {
    guard let which = arguments.first, arguments.count == 1 else {
        throw UsageError("table needs one architecture: \(ArchitectureCatalog.names.joined(separator: "|"))")
    }
    guard let table = ArchitectureCatalog.table(named: which) else {
        throw UsageError("unknown architecture \(which); choose one of \(ArchitectureCatalog.names.joined(separator: ", "))")
    }
    print(table)
}

func writePlots(_ arguments: ArraySlice<String>) throws {
    let options = try parseOptions(arguments, allowed: ["out", "epochs", "diagrams-only"])
    let folder = options["out"] ?? "lectures/figures"
    let epochs: Int = try number(options, "epochs", default: 15, valid: { $0 > 0 })
    let diagramsOnly = try number(options, "diagrams-only", default: "no", valid: { ["yes", "no"].contains($0) }) == "yes"
    var figures = LectureFigures.diagrams()
    if !diagramsOnly {
        let data = try loadDigits()
        print("training the digits net for \(epochs) epochs for the curves (training and validation) and filters…")
        let training = DigitsNet.TrainingOptions(epochs: epochs)
        let bar = ProgressBar(totalEpochs: epochs, batchesPerEpoch: DigitsNet.batchesPerEpoch(data, options: training))
        let run = DigitsNet.train(data, options: training, progress: bar)
        figures = LectureFigures.all(digitsRun: run, epochs: epochs)
    }
    for (name, svg) in figures {
        let path = URL(fileURLWithPath: folder).appendingPathComponent(name).path
        try SVGPlot.write(svg, to: path)
        print("wrote \(path)")
    }
}

setvbuf(stdout, nil, _IOLBF, 0)   // line-buffered, so print and the progress bar interleave in order
let arguments = CommandLine.arguments.dropFirst()
do {
    switch arguments.first {
    case "train-digits": try trainDigits(arguments.dropFirst())
    case "table": try printTable(arguments.dropFirst())
    case "plots": try writePlots(arguments.dropFirst())
    case "help", "--help", "-h": print(usage)
    case nil:
        print(usage)
        exit(2)
    case let other?:
        throw UsageError("unknown command \(other)")
    }
} catch {
    FileHandle.standardError.write("course: \(error)\n\n\(usage)\n".data(using: .utf8)!)
    exit(2)
}
