import ArgumentParser

/// `mayor-fetch`, the publisher's executable: `mayor fetch` (issue 13) in a
/// binary of its own, so the HTTP stack it needs (async-http-client, SwiftNIO)
/// is never linked into `mayor`, the live wall. Installed beside `mayor`, which
/// runs it (exec, the same arguments) for `mayor fetch ARGS`.
@main
enum MayorFetch {
    static func main() {
        FetchCommand.main()
    }
}
