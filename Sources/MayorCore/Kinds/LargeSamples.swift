/// A kind with its own generator of realistic sample files (traffic has
/// `TrafficSampleGenerator`). `mayor bench` parses the samples it gives
/// besides the file it grows from the kind's bundled one, and the largest
/// sample of the registry is the large file it reloads while keys are pressed.
/// A kind without one is measured on its grown file alone.
public protocol LargeSamples: DataKind {
    /// Samples of realistic shape, smallest first, with a label that says
    /// their shape ("170 corridors x 365 days"); the last at least `minimumBytes` long.
    static func largeSamples(minimumBytes: Int) -> [(label: String, json: String)]
}
