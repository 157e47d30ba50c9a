/// The architectures the course tabulates (lecture L7), by the short names `course table` takes.
public enum ArchitectureCatalog {
    /// `lenet5`, `cifar10`, `alexnet`, `vgg16`, `resnet18`, `digits`.
    public static let names = ["lenet5", "cifar10", "alexnet", "vgg16", "resnet18", "digits"]

    /// The tables for `name` (case-insensitive), or nil for an unknown name. AlexNet gives two:
    /// the lecture's channels on 227×227, then torchvision's on 224×224 with padding 2.
    public static func tables(named name: String) -> [ArchitectureTable]? {
        switch name.lowercased() {
        case "lenet5", "lenet": return [LeNet5.table()]
        case "cifar10": return [CIFAR10Net.table()]
        case "alexnet": return [AlexNet.lectureTable(), AlexNet.table()]
        case "vgg16": return [VGG16.table()]
        case "resnet18": return [ResNet18.table()]
        case "digits": return [DigitsNet.table()]
        default: return nil
        }
    }

    /// The text `course table <name>` prints (tables separated by a blank line), or nil.
    public static func table(named name: String) -> String? {
        tables(named: name).map { $0.map(\.description).joined(separator: "\n\n") }
    }
}
