#define BOOST_TEST_MODULE config_emit
#include <boost/test/unit_test.hpp>

#include "config/difflib.hpp"
#include "config/emit.hpp"
#include "config/python_text.hpp"

#include <limits>

using namespace ngd::config;

namespace {

std::string yaml_of(node value) { return to_yaml(node::map({{"k", std::move(value)}})); }

}  // namespace

BOOST_AUTO_TEST_CASE(strings_are_quoted_like_omegaconf)
{
    BOOST_TEST(yaml_of(node::string("8000")) == "k: '8000'\n");
    BOOST_TEST(yaml_of(node::string("yes")) == "k: 'yes'\n");
    BOOST_TEST(yaml_of(node::string("****")) == "k: '****'\n");
    BOOST_TEST(yaml_of(node::string("")) == "k: ''\n");
    BOOST_TEST(yaml_of(node::string("null")) == "k: 'null'\n");
    BOOST_TEST(yaml_of(node::string("2021-01-01")) == "k: '2021-01-01'\n");
    BOOST_TEST(yaml_of(node::string("http://x:8000/v1")) == "k: http://x:8000/v1\n");
    BOOST_TEST(yaml_of(node::string("it's")) == "k: it's\n");
    BOOST_TEST(yaml_of(node::string("a #b")) == "k: 'a #b'\n");
    BOOST_TEST(yaml_of(node::string("tab\there")) == "k: \"tab\\there\"\n");
    BOOST_TEST(yaml_of(node::string("???")) == "k: ???\n");
}

BOOST_AUTO_TEST_CASE(scalars_and_layout)
{
    BOOST_TEST(yaml_of(node::floating(1e-5)) == "k: 1.0e-05\n");
    BOOST_TEST(yaml_of(node::floating(0.1)) == "k: 0.1\n");
    BOOST_TEST(yaml_of(node::floating(3.0)) == "k: 3.0\n");
    BOOST_TEST(yaml_of(node::floating(std::numeric_limits<double>::infinity())) == "k: .inf\n");
    BOOST_TEST(yaml_of(node::null()) == "k: null\n");
    BOOST_TEST(yaml_of(node::boolean(true)) == "k: true\n");
    BOOST_TEST(yaml_of(node::map()) == "k: {}\n");
    BOOST_TEST(yaml_of(node::list()) == "k: []\n");
    BOOST_TEST(yaml_of(node::list({node::integer(1), node::map({{"a", node::integer(2)}, {"b", node::integer(3)}})})) ==
               "k:\n- 1\n- a: 2\n  b: 3\n");
    BOOST_TEST(to_yaml(node::map()) == "{}\n");
}

BOOST_AUTO_TEST_CASE(long_strings_wrap_after_80_columns)
{
    std::string words;
    for (int i = 0; i < 30; ++i) words += (i ? " " : "") + std::string("word");
    auto text = yaml_of(node::string(words));
    BOOST_TEST(text.find("\n  word") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(origins_follow_each_leaf)
{
    emit_options o;
    o.show_origin = true;
    auto text = to_yaml(node::map({{"a", node::integer(1, origin::in_file("env.yaml", 3, 1))},
                                   {"b", node::string("x", origin::of_override())}}),
                        o);
    BOOST_TEST(text == "a: 1  # env.yaml:3\nb: x  # override\n");
}

BOOST_AUTO_TEST_CASE(json_has_the_same_tree)
{
    auto text = to_json(node::map({{"a", node::list({node::integer(1), node::floating(1e-5), node::null()})},
                                   {"s", node::string("q\"\n")}}));
    BOOST_TEST(text == "{\n  \"a\": [\n    1,\n    1e-05,\n    null\n  ],\n  \"s\": \"q\\\"\\n\"\n}\n");
}

BOOST_AUTO_TEST_CASE(python_forms)
{
    BOOST_TEST(python_float_repr(1e16) == "1e+16");
    BOOST_TEST(python_float_repr(123456789.123) == "123456789.123");
    BOOST_TEST(python_float_repr(-0.0001) == "-0.0001");
    BOOST_TEST(python_float_repr(0.00001) == "1e-05");
    BOOST_TEST(python_str_repr("it's") == "\"it's\"");
    BOOST_TEST(node::map({{"k", node::integer(1)}}).to_python_str() == "{'k': 1}");
}

BOOST_AUTO_TEST_CASE(difflib_matches_python)
{
    // difflib's documented example
    BOOST_TEST(close_matches("appel", {"ape", "apple", "peach", "puppy"}) == (std::vector<std::string>{"apple", "ape"}),
               boost::test_tools::per_element());
    BOOST_TEST(sequence_ratio("model_a", "model_b") == 12.0 / 14.0);
    BOOST_TEST(close_matches("policy_model", {"model_a"}).empty());
}
