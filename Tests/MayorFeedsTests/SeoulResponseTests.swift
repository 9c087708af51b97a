import Testing

@testable import MayorFeeds

/// Bodies as the reference documents them (shared/reference/seoul-open-api.md §1, §2, §3).
@Suite struct SeoulResponseTests {
    struct Row: Decodable, Sendable {
        var number: String
        enum CodingKeys: String, CodingKey { case number = "X_SWIFI_MGR_NO" }
    }

    static func bytes(_ s: String) -> [UInt8] { Array(s.utf8) }

    @Test func successPageGivesTotalAndRows() throws {
        let body = Self.bytes(
            #"{"TbPublicWifiInfo":{"list_total_count":17768,"RESULT":{"CODE":"INFO-000","MESSAGE":"정상 처리되었습니다"},"row":[{"X_SWIFI_MGR_NO":"ARI00001"},{"X_SWIFI_MGR_NO":"-WF171016"}]}}"#
        )
        let page = try SeoulResponse.page(body, service: "TbPublicWifiInfo", as: Row.self)
        #expect(page.totalCount == 17768)
        #expect(page.rows.map(\.number) == ["ARI00001", "-WF171016"])
    }

    @Test func xmlErrorOnAJSONURLIsTheAPIError() {
        // INFO-100: bare <RESULT>, no declaration, CDATA with a real newline inside.
        let body = Self.bytes("<RESULT><CODE>INFO-100</CODE><MESSAGE><![CDATA[인증키가 유효하지 않습니다.\n인증키가 없는 경우, 열린 데이터 광장 홈페이지에서 인증키를 신청하십시오.]]></MESSAGE></RESULT>")
        #expect {
            try SeoulResponse.page(body, service: "TbPublicWifiInfo", as: Row.self)
        } throws: { error in
            guard let e = error as? SeoulAPIError else { return false }
            return e.result.code == "INFO-100" && e.result.message.contains("\n") && !e.description.contains("\n") && !e.result.isRetryable
        }
    }

    @Test func topLevelNoDataIsAnErrorNotEmptyData() {
        let body = Self.bytes(#"{"RESULT":{"CODE":"INFO-200","MESSAGE":"해당하는 데이터가 없습니다."}}"#)
        #expect {
            try SeoulResponse.page(body, service: "TbPublicWifiInfo", as: Row.self)
        } throws: { error in
            (error as? SeoulAPIError)?.result.code == "INFO-200"
        }
    }

    @Test func dottedResultKeysAreRead() {
        let body = Self.bytes(#"{"RESULT":{"RESULT.CODE":"INFO-200","RESULT.MESSAGE":"해당하는 데이터가 없습니다."}}"#)
        #expect {
            try SeoulResponse.page(body, service: "citydata", as: Row.self)
        } throws: { error in
            (error as? SeoulAPIError)?.result.code == "INFO-200"
        }
    }

    @Test func serverErrorCodesAreRetryableAndOthersNot() {
        for code in ["ERROR-500", "ERROR-600", "ERROR-601"] { #expect(SeoulResult(code: code, message: "").isRetryable) }
        for code in ["INFO-100", "INFO-200", "ERROR-300", "ERROR-336"] { #expect(!SeoulResult(code: code, message: "").isRetryable) }
    }

    @Test func bodyCutInHalfIsMalformed() {
        let whole =
            #"{"TbPublicWifiInfo":{"list_total_count":2,"RESULT":{"CODE":"INFO-000","MESSAGE":"정상 처리되었습니다"},"row":[{"X_SWIFI_MGR_NO":"ARI00001"},{"X_SWIFI_MGR_NO":"ARI00002"}]}}"#
        let half = Array(Self.bytes(whole).prefix(whole.utf8.count / 2))
        #expect(throws: MalformedResponse.self) { try SeoulResponse.page(half, service: "TbPublicWifiInfo", as: Row.self) }
    }

    @Test func keyIsRedactedAsIsAndPercentEncoded() {
        let key = "k3y/with space"
        let text = "GET http://h/\(SeoulClient.escape(key))/json/x and \(key)"
        let out = SeoulClient.redact(text, key: key)
        #expect(!out.contains(key) && !out.contains(SeoulClient.escape(key)))
        #expect(out == "GET http://h/{KEY}/json/x and {KEY}")
    }
}
