import Foundation
@testable import KraftScenario
import Testing

/// Kraft's TOML parser on the examples of the TOML 1.0 specification (https://toml.io/en/v1.0.0),
/// each compared with the tree the specification's text describes, written out by hand.
@Suite("TOML parser: the TOML 1.0 examples")
struct TOMLSpecTests {
    static func parse(_ text: String) throws -> ConfigValue { try TOMLParser.parse(text) }

    /// A table literal without lines (lines do not take part in equality).
    static func t(_ entries: KeyValuePairs<String, ConfigValue>) -> ConfigValue {
        .table(entries.map { ($0.key, $0.value, 0) })
    }

    static func date(_ y: Int, _ m: Int, _ d: Int) -> CalendarDate { CalendarDate(year: y, month: m, day: d) }

    @Test("the example at the top of the specification")
    func example() throws {
        let text = try String(contentsOf: TOMLReferenceTests.fixtures.appendingPathComponent("valid/spec-example.toml"), encoding: .utf8)
        let expected = Self.t([
            "title": .string("TOML Example"),
            "owner": Self.t(["name": .string("Tom Preston-Werner"),
                             "dob": .dateTime(Self.date(1979, 5, 27), TimeOfDay(hour: 7, minute: 32), offsetMinutes: -480)]),
            "database": Self.t([
                "enabled": .bool(true),
                "ports": .array([.integer(8000), .integer(8001), .integer(8002)]),
                "data": .array([.array([.string("delta"), .string("phi")]), .array([.float(3.14)])]),
                "temp_targets": Self.t(["cpu": .float(79.5), "case": .float(72.0)]),
            ]),
            "servers": Self.t([
                "alpha": Self.t(["ip": .string("10.0.0.1"), "role": .string("frontend")]),
                "beta": Self.t(["ip": .string("10.0.0.2"), "role": .string("backend")]),
            ]),
        ])
        #expect(try Self.parse(text) == expected)
    }

    @Test("keys: bare, quoted, empty, dotted with whitespace, digits as dotted keys")
    func keys() throws {
        let value = try Self.parse("""
            "127.0.0.1" = "value"
            "ʎǝʞ" = 1
            'quoted "value"' = 2
            "" = "blank"
            physical.color = "orange"
            site."google.com" = true
            fruit . flavor = "banana"
            3.14159 = "pi"
            """)
        #expect(value == Self.t([
            "127.0.0.1": .string("value"), "ʎǝʞ": .integer(1), "quoted \"value\"": .integer(2), "": .string("blank"),
            "physical": Self.t(["color": .string("orange")]), "site": Self.t(["google.com": .bool(true)]),
            "fruit": Self.t(["flavor": .string("banana")]), "3": Self.t(["14159": .string("pi")]),
        ]))
    }

    @Test("strings: escapes, multi-line with line-ending backslash, literal, quotes before the delimiter")
    func strings() throws {
        let value = try Self.parse(#"""
            str = "I'm a string. \"You can quote me\". Name\tJos\u00E9\nLocation\tSF."
            str1 = """
            Roses are red
            Violets are blue"""
            str3 = """
            The quick brown \


              fox jumps over \
                the lazy dog."""
            str7 = """Here are fifteen quotation marks: ""\"""\"""\"""\"""\"."""
            str8 = """"This," she said, "is just a pointless statement.""""
            winpath2 = '\\ServerX\admin$\system32\'
            lines  = '''
            The first newline is
            trimmed in raw strings.
               All other whitespace
               is preserved.
            '''
            str9 = ''''That,' she said, 'is still pointless.''''
            u = "\U0001F600\u0041"
            """#)
        #expect(value == Self.t([
            "str": .string("I'm a string. \"You can quote me\". Name\tJos\u{E9}\nLocation\tSF."),
            "str1": .string("Roses are red\nViolets are blue"),
            "str3": .string("The quick brown fox jumps over the lazy dog."),
            "str7": .string("Here are fifteen quotation marks: \"\"\"\"\"\"\"\"\"\"\"\"\"\"\"."),
            "str8": .string("\"This,\" she said, \"is just a pointless statement.\""),
            "winpath2": .string(#"\\ServerX\admin$\system32\"#),
            "lines": .string("The first newline is\ntrimmed in raw strings.\n   All other whitespace\n   is preserved.\n"),
            "str9": .string("'That,' she said, 'is still pointless.'"),
            "u": .string("\u{1F600}A"),
        ]))
    }

    @Test("integers and floats in every notation, including the 64-bit limits")
    func numbers() throws {
        let value = try Self.parse("""
            a = [+99, 42, 0, -17, 1_000, 5_349_221, 1_2_3_4_5, +0, -0]
            b = [0xDEADBEEF, 0xdead_beef, 0o01234567, 0o755, 0b11010110]
            c = [9223372036854775807, -9223372036854775808]
            d = [+1.0, 3.1415, -0.01, 5e+22, 1e06, -2E-2, 6.626e-34, 224_617.445_991_228]
            e = [inf, +inf, -inf]
            """)
        #expect(value == Self.t([
            "a": .array([99, 42, 0, -17, 1000, 5_349_221, 12345, 0, 0].map(ConfigValue.integer)),
            "b": .array([0xDEADBEEF, 0xDEADBEEF, 0o1234567, 0o755, 0b11010110].map(ConfigValue.integer)),
            "c": .array([.integer(Int.max), .integer(Int.min)]),
            "d": .array([1.0, 3.1415, -0.01, 5e22, 1e6, -0.02, 6.626e-34, 224617.445991228].map(ConfigValue.float)),
            "e": .array([.float(.infinity), .float(.infinity), .float(-.infinity)]),
        ]))
        for text in ["nan", "+nan", "-nan"] {
            guard case .float(let x)? = try Self.parse("x = \(text)")["x"] else { Issue.record("\(text): not a float"); continue }
            #expect(x.isNaN, "\(text)")
        }
        guard case .float(let z)? = try Self.parse("z = -0.0")["z"] else { Issue.record("-0.0"); return }
        #expect(z == 0 && z.sign == .minus)
    }

    @Test("date-times: offset, local, date, time; fractions; leap days")
    func dateTimes() throws {
        let value = try Self.parse("""
            odt1 = 1979-05-27T07:32:00Z
            odt2 = 1979-05-27T00:32:00-07:00
            odt3 = 1979-05-27T00:32:00.999999-07:00
            odt4 = 1979-05-27 07:32:00+05:30
            ldt1 = 1979-05-27T07:32:00
            ld1 = 1979-05-27
            lt1 = 07:32:00
            lt2 = 00:32:00.999999999999
            leap = 2000-02-29
            """)
        let may27 = Self.date(1979, 5, 27)
        #expect(value == Self.t([
            "odt1": .dateTime(may27, TimeOfDay(hour: 7, minute: 32), offsetMinutes: 0),
            "odt2": .dateTime(may27, TimeOfDay(hour: 0, minute: 32), offsetMinutes: -420),
            "odt3": .dateTime(may27, TimeOfDay(hour: 0, minute: 32, second: 0, nanosecond: 999_999_000), offsetMinutes: -420),
            "odt4": .dateTime(may27, TimeOfDay(hour: 7, minute: 32), offsetMinutes: 330),
            "ldt1": .dateTime(may27, TimeOfDay(hour: 7, minute: 32), offsetMinutes: nil),
            "ld1": .date(may27),
            "lt1": .time(TimeOfDay(hour: 7, minute: 32)),
            "lt2": .time(TimeOfDay(hour: 0, minute: 32, second: 0, nanosecond: 999_999_999)),
            "leap": .date(Self.date(2000, 2, 29)),
        ]))
    }

    @Test("tables: super-tables defined afterwards, dotted keys, sub-tables of dotted tables")
    func tables() throws {
        let value = try Self.parse("""
            [x.y.z.w]
            [x]
            a = 1
            [fruit]
            apple.color = "red"
            apple.taste.sweet = true
            [fruit.apple.texture]
            smooth = true
            """)
        #expect(value == Self.t([
            "x": Self.t(["y": Self.t(["z": Self.t(["w": Self.t([:])])]), "a": .integer(1)]),
            "fruit": Self.t(["apple": Self.t([
                "color": .string("red"), "taste": Self.t(["sweet": .bool(true)]), "texture": Self.t(["smooth": .bool(true)]),
            ])]),
        ]))
    }

    @Test("arrays of tables, with sub-tables and nested arrays of tables")
    func arraysOfTables() throws {
        let value = try Self.parse("""
            [[fruits]]
            name = "apple"
            [fruits.physical]
            color = "red"
            [[fruits.varieties]]
            name = "red delicious"
            [[fruits.varieties]]
            name = "granny smith"
            [[fruits]]
            name = "banana"
            [[fruits.varieties]]
            name = "plantain"
            """)
        #expect(value == Self.t(["fruits": .array([
            Self.t(["name": .string("apple"), "physical": Self.t(["color": .string("red")]),
                    "varieties": .array([Self.t(["name": .string("red delicious")]), Self.t(["name": .string("granny smith")])])]),
            Self.t(["name": .string("banana"), "varieties": .array([Self.t(["name": .string("plantain")])])]),
        ])]))
    }

    @Test("inline tables and arrays: mixed types, trailing commas, comments and newlines in arrays")
    func inlineTablesAndArrays() throws {
        let value = try Self.parse("""
            animal = { type.name = "pug" }
            empty = {}
            mixed = [ 1, "a", [2.5], { x = 1 }, ] # trailing comma
            long = [
              1, # one
              2,
            ]
            """)
        #expect(value == Self.t([
            "animal": Self.t(["type": Self.t(["name": .string("pug")])]),
            "empty": Self.t([:]),
            "mixed": .array([.integer(1), .string("a"), .array([.float(2.5)]), Self.t(["x": .integer(1)])]),
            "long": .array([.integer(1), .integer(2)]),
        ]))
    }

    @Test("keys keep the order they were written in, and the line they were first written on")
    func orderAndLines() throws {
        let value = try Self.parse("zeta = 1\nalpha = 2\n\n[mid]\nb = 1\na.x = 2\n[[list]]\nk = 1\n[[list]]\nk = 2\n")
        guard case .table(let top) = value, case .table(let mid)? = value["mid"],
              case .array(let list)? = value["list"], case .table(let second)? = list.last else {
            Issue.record("unexpected shape: \(value)"); return
        }
        #expect(top.map(\.key) == ["zeta", "alpha", "mid", "list"])
        #expect(top.map(\.line) == [1, 2, 4, 7])
        #expect(mid.map(\.key) == ["b", "a"] && mid.map(\.line) == [5, 6])
        #expect(second.map(\.line) == [10])
    }

    @Test("errors name line and column and say what was expected", arguments: [
        ("name = \"x\"\ncapacity_mw 12\n", 2, 13, "expected '=' after key capacity_mw, found '1'"),
        ("a = 1\n[t]\nb = [1 2]\n", 3, 8, "expected ',' or ']' after a value in the array, found '2'"),
        ("x = 2030-02-30\n", 1, 13, "day 30 does not exist in 2030-02 (expected 01 to 28)"),
        ("[a]\n\n[a]\n", 3, 2, "table [a] is defined twice (first by a header on line 1)"),
        ("k = 1\nk = 2\n", 2, 1, "key k is defined twice (first on line 1)"),
        ("s = \"caf\u{E9} \\q\"\n", 1, 11, "unknown escape '\\q'"),
        ("n = 9223372036854775808\n", 1, 5, "out of the 64-bit integer range"),
        ("t = {a = 1}\nt.b = 2\n", 2, 1, "t is an inline table (line 1), complete as written"),
        ("a = [1]\n[[a]]\n", 2, 3, "it is a static array (line 1)"),
        ("v = hello\n", 1, 5, "found hello (a string must be in quotes"),
    ])
    func located(text: String, line: Int, column: Int, message: String) {
        do {
            let value = try TOMLParser.parse(text)
            Issue.record("accepted: \(value)")
        } catch {
            #expect(error.line == line && error.column == column, "\(error)")
            #expect(error.message.contains(message), "\(error)")
        }
    }
}
