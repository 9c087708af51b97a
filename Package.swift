// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "DigitalMayor",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "mayor", targets: ["MayorCLI"]),
        .executable(name: "mayor-fetch", targets: ["MayorFetchCLI"]),
        .library(name: "MayorCore", targets: ["MayorCore"])
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/drmohundro/SWXMLHash", exact: "8.1.1"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", exact: "0.9.20"),
        .package(url: "https://github.com/swiftcsv/SwiftCSV", exact: "0.10.0"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        // Tests only: the fake Seoul API on loopback.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1")
    ],
    targets: [
        // ncursesw, reached through a small shim header (C globals as functions).
        .systemLibrary(
            name: "CNcursesw",
            pkgConfig: "ncursesw",
            providers: [.apt(["libncursesw5-dev"])]
        ),
        // libcurl's header, for walls that read their snapshots over HTTP
        // (--data URL); the library itself is loaded with dlopen when needed.
        .systemLibrary(
            name: "CCurl",
            providers: [.apt(["libcurl4-openssl-dev"])]
        ),
        // Process-wide terminal state in C: signal flags, the modes saved at
        // start and the async-signal-safe crash handler (one definition each).
        .target(name: "CMayorTerm"),
        // The pure core: data model, snapshot parsing and validation, screens,
        // layout, cell buffer, widgets, panes and app state. No terminal here.
        .target(
            name: "MayorCore",
            dependencies: [.product(name: "Yams", package: "Yams")]
        ),
        // The thin edge: copies the cell buffer to ncurses and turns keys into events.
        .target(
            name: "MayorTerminal",
            dependencies: ["MayorCore", "CNcursesw", "CMayorTerm"]
        ),
        // The wall's network edge: conditional GETs of snapshot files.
        .target(
            name: "MayorHTTP",
            dependencies: ["MayorCore", "CCurl"]
        ),
        // Seoul's published files and XML answers turned into snapshots: TOPIS
        // traffic volumes (SpotInfo, VolInfo), the district CCTV files (OA-2722
        // XLSX, OA-2734 CSV). Parsing and writing only: no network, no terminal.
        .target(
            name: "MayorIngest",
            dependencies: [
                "MayorCore",
                .product(name: "SWXMLHash", package: "SWXMLHash"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                .product(name: "SwiftCSV", package: "SwiftCSV")
            ]
        ),
        // The benchmarks of `mayor bench` and their large inputs; the core ships none of it.
        .target(
            name: "MayorBench",
            dependencies: ["MayorCore"]
        ),
        // Live data (`mayor fetch`): HTTP, retries, the Seoul sources (TOPIS
        // traffic through MayorIngest's parsing) and the feeds config. Linked
        // only into mayor-fetch, never into mayor: the live wall neither starts
        // nor maps an event loop or HTTP client.
        .target(
            name: "MayorFeeds",
            dependencies: [
                "MayorCore",
                "MayorIngest",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log")
            ]
        ),
        .executableTarget(
            name: "MayorCLI",
            dependencies: [
                "MayorCore",
                "MayorBench",
                "MayorTerminal",
                "MayorHTTP",
                .product(name: "ArgumentParser", package: "swift-argument-parser")
            ],
            plugins: ["BuildInfo"]
        ),
        // The publisher, `mayor-fetch`: `mayor fetch` and `mayor import` in an
        // executable of their own, so the wall's binary links no HTTP stack and
        // no file-format libraries (its idle memory stays as before issue 13).
        // `mayor fetch ARGS` and `mayor import ARGS` exec it from mayor's folder.
        .executableTarget(
            name: "MayorFetchCLI",
            dependencies: [
                "MayorCore",
                "MayorFeeds",
                "MayorIngest",
                "MayorFeedsBench",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log")
            ]
        ),
        // The publisher's benchmarks (`mayor-fetch bench`, the feeds rows of
        // `mayor bench`): a fake Seoul API on SwiftNIO and the runs of
        // `mayor-fetch --once` against it as a child. In mayor-fetch only.
        .target(
            name: "MayorFeedsBench",
            dependencies: [
                "MayorCore",
                "MayorBench",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio")
            ]
        ),
        // The commit a binary was built from, for `mayor --version`.
        .plugin(name: "BuildInfo", capability: .buildTool()),
        .testTarget(
            name: "MayorCoreTests",
            dependencies: ["MayorCore"],
            exclude: ["Golden", "FuzzCorpus"]
        ),
        // Drives the built `mayor` in tmux (swift build first; tmux required).
        .testTarget(
            name: "MayorEndToEndTests",
            dependencies: ["MayorCLI", "MayorHTTP", "MayorBench"]
        ),
        // Against a fake Seoul API served in-process on 127.0.0.1.
        .testTarget(
            name: "MayorFeedsTests",
            dependencies: [
                "MayorFeeds",
                "MayorCore",
                "MayorIngest",
                "MayorBench",
                "MayorFeedsBench",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log")
            ]
        ),
        .testTarget(
            name: "MayorIngestTests",
            dependencies: ["MayorIngest", "MayorCore", .product(name: "ZIPFoundation", package: "ZIPFoundation")]
        ),
        .testTarget(
            name: "MayorBenchTests",
            dependencies: ["MayorBench", "MayorCore"]
        ),
        .testTarget(
            name: "MayorTerminalTests",
            dependencies: ["MayorTerminal", "MayorCore", "CNcursesw", "CMayorTerm"]
        )
    ],
    swiftLanguageModes: [.v6]
)
