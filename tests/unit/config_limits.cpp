#define BOOST_TEST_MODULE config_limits
#include <boost/test/unit_test.hpp>

#include "config/limits.hpp"
#include "config/resolve.hpp"
#include "config/yaml_load.hpp"
#include "support/temp_dir.hpp"

#include <cstdint>
#include <limits>
#include <string>

using namespace ngd::config;

// Issue 12 items 6 and 7: each limit holds at its value and refuses one past it, with an
// error naming the limit instead of a stack overflow or a hang.
namespace {

std::string nested_lists(std::size_t depth) { return std::string(depth, '[') + std::string(depth, ']'); }

resolution resolve_with(ngd::test::temp_dir& dir, std::vector<std::string> overrides)
{
    resolve_options o;
    o.cwd = dir.path().string();
    o.overrides = std::move(overrides);
    o.env = [](std::string_view) -> std::optional<std::string> { return std::nullopt; };
    o.find_port = [](int low, int, const std::vector<int>&) -> std::optional<int> { return low; };
    o.python_version = []() -> std::optional<std::string> { return std::nullopt; };
    return resolve(o);
}

std::string error_text(const resolution& r) { return r.error ? r.error->printed() : std::string(); }

}  // namespace

BOOST_AUTO_TEST_CASE(yaml_nesting_at_the_limit_loads_and_past_it_is_refused)
{
    auto at = load_yaml_text("x: " + nested_lists(limits::max_nesting_depth - 1) + "\n", "a.yaml", "a.yaml");
    BOOST_TEST(std::holds_alternative<node>(at));
    auto past = load_yaml_text("x: " + nested_lists(65000) + "\n", "a.yaml", "a.yaml");
    BOOST_REQUIRE(std::holds_alternative<config_error>(past));
    BOOST_TEST(std::get<config_error>(past).message.find("nested deeper than 256 levels") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(an_alias_bomb_is_refused_by_its_expanded_size)
{
    std::string text = "a0: &a0 [x, x, x, x, x, x, x, x, x]\n";
    for (int i = 1; i < 10; ++i) {
        text += "a" + std::to_string(i) + ": &a" + std::to_string(i) + " [";
        for (int j = 0; j < 9; ++j) text += (j ? ", *a" : "*a") + std::to_string(i - 1);
        text += "]\n";
    }
    auto r = load_yaml_text(text, "bomb.yaml", "bomb.yaml");
    BOOST_REQUIRE(std::holds_alternative<config_error>(r));
    BOOST_TEST(std::get<config_error>(r).message.find("aliases are expanded") != std::string::npos);
    // A few aliases of a small anchor are ordinary YAML.
    auto fine = load_yaml_text("base: &b {k: 1}\nx: *b\ny: *b\n", "ok.yaml", "ok.yaml");
    BOOST_TEST(std::holds_alternative<node>(fine));
}

BOOST_AUTO_TEST_CASE(deep_override_values_and_keys_are_refused)
{
    ngd::test::temp_dir dir;
    std::string deep_key = "+a";
    for (int i = 0; i < 40000; ++i) deep_key += ".b";
    for (auto& o : {deep_key + "=1", "+x=" + nested_lists(65000),
                    "+x=" + [] { std::string s; for (int i = 0; i < 25000; ++i) s += "{a:"; return s; }() + "1" +
                        std::string(25000, '}')}) {
        auto r = resolve_with(dir, {o});
        BOOST_TEST(error_text(r).find("(ngdoctor's limit)") != std::string::npos, error_text(r).substr(0, 200));
    }
    auto fine = resolve_with(dir, {"+x=" + nested_lists(10)});
    BOOST_TEST(!fine.error, error_text(fine).substr(0, 200));
}

BOOST_AUTO_TEST_CASE(deeply_nested_interpolations_are_refused)
{
    ngd::test::temp_dir dir;
    dir.write("env.yaml", "a: 1\nx: \"" + [] { std::string s; for (int i = 0; i < 5000; ++i) s += "${"; return s; }() + "a" +
                              std::string(5000, '}') + "\"\n");
    auto r = resolve_with(dir, {});
    BOOST_TEST(error_text(r).find("nested deeper than 128 levels") != std::string::npos, error_text(r).substr(0, 200));
}

BOOST_AUTO_TEST_CASE(a_long_interpolation_chain_is_refused_not_overflowed)
{
    ngd::test::temp_dir dir;
    // x0 needs x1 needs x2 ... : resolved first, so the whole chain is on the stack at once.
    std::string text;
    const int links = 100000;
    for (int i = 0; i < links; ++i) text += "x" + std::to_string(i) + ": ${x" + std::to_string(i + 1) + "}\n";
    text += "x" + std::to_string(links) + ": 1\n";
    dir.write("env.yaml", text);
    auto r = resolve_with(dir, {});
    BOOST_REQUIRE(r.error);
    BOOST_TEST(error_text(r).find("maximum recursion depth exceeded") != std::string::npos, error_text(r).substr(0, 300));
}

// Found by fuzzing: a path that walks through the value holding it (`a: ${a.x}`) or two that
// walk through each other never reach a value; OmegaConf stops at Python's recursion limit.
BOOST_AUTO_TEST_CASE(a_path_walking_through_itself_is_refused_not_overflowed)
{
    for (std::string text : {"d: FA}\na: ${a.x}\n", "a: ${b.x}\nb: ${a.y}\n"}) {
        ngd::test::temp_dir dir;
        dir.write("env.yaml", text);
        auto r = resolve_with(dir, {});
        BOOST_REQUIRE(r.error);
        BOOST_TEST(error_text(r).find("RecursionError raised while resolving interpolation: maximum recursion depth "
                                      "exceeded") != std::string::npos,
                   error_text(r).substr(0, 300));
        BOOST_TEST(error_text(r).find("full_key: a") != std::string::npos, error_text(r).substr(0, 300));
    }
}

// YAML 1.1 base-60 integers (1:30 is 90) are computed without overflow: one past int64 does
// not fit and stays the text it was, as a too-large decimal integer does (UBSan checks the rest).
BOOST_AUTO_TEST_CASE(base_60_integers_never_overflow)
{
    auto small = load_yaml_text("a: 1:30\nb: -2:00:00\n", "a.yaml", "a.yaml");
    BOOST_REQUIRE(std::holds_alternative<node>(small));
    BOOST_TEST(std::get<node>(small).find("a")->as_int() == 90);
    BOOST_TEST(std::get<node>(small).find("b")->as_int() == -7200);
    // 9223372036854775807 = 2562047788015215:30:07 in base 60.
    auto largest = load_yaml_text("a: 2562047788015215:30:07\nb: 2562047788015215:30:08\nc: 99999999999999999999:00\n",
                                  "a.yaml", "a.yaml");
    BOOST_REQUIRE(std::holds_alternative<node>(largest));
    const auto& root = std::get<node>(largest);
    BOOST_TEST(root.find("a")->as_int() == std::numeric_limits<std::int64_t>::max());
    BOOST_TEST(root.find("b")->is_string());
    BOOST_TEST(root.find("c")->is_string());
}
