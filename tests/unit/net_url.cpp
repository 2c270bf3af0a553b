#define BOOST_TEST_MODULE net_url
#include <boost/test/unit_test.hpp>

#include "net/client.hpp"
#include "net/connect_to.hpp"
#include "net/proxy.hpp"
#include "net/url.hpp"

#include <cstdlib>

using namespace ngd::net;

namespace {

http_url parse(const std::string& text)
{
    std::string error;
    auto url = parse_http_url(text, error);
    BOOST_TEST_REQUIRE(url.has_value(), text << ": " << error);
    return *url;
}

// Sets an environment variable for one scope, restoring the old value afterwards.
class scoped_env {
public:
    scoped_env(const char* name, const char* value) : name_(name)
    {
        if (const char* old = std::getenv(name)) old_ = old;
        if (value)
            ::setenv(name, value, 1);
        else
            ::unsetenv(name);
    }
    ~scoped_env()
    {
        if (old_)
            ::setenv(name_, old_->c_str(), 1);
        else
            ::unsetenv(name_);
    }

private:
    const char* name_;
    std::optional<std::string> old_;
};

}  // namespace

BOOST_AUTO_TEST_CASE(urls_split_into_host_port_and_target)
{
    const auto url = parse("https://OpenRouter.ai/api/v1/models?x=1#frag");
    BOOST_TEST(url.https);
    BOOST_TEST(url.host == "openrouter.ai");
    BOOST_TEST(url.port == 443);
    BOOST_TEST(url.target == "/api/v1/models?x=1");
    BOOST_TEST(url.host_header() == "openrouter.ai");
    BOOST_TEST(url.text.find("frag") == std::string::npos);

    BOOST_TEST(parse("https://user:hunter2@openrouter.ai/x").text == "https://openrouter.ai/x");

    const auto local = parse("http://127.0.0.1:8000");
    BOOST_TEST(!local.https);
    BOOST_TEST(local.port == 8000);
    BOOST_TEST(local.target == "/");
    BOOST_TEST(local.host_header() == "127.0.0.1:8000");

    const auto v6 = parse("https://[::1]:8443/v1");
    BOOST_TEST(v6.host == "::1");
    BOOST_TEST(v6.authority() == "[::1]:8443");
    BOOST_TEST(v6.host_header() == "[::1]:8443");
}

BOOST_AUTO_TEST_CASE(bad_urls_are_rejected_with_a_reason)
{
    for (const char* text : {"ftp://example.com/", "not a url", "https://", "/relative/path", "",
                             "https://openrouter.ai:99999/api/v1", "https://openrouter.ai:65536/",
                             "https://openrouter.ai:0/"}) {
        std::string error;
        BOOST_TEST(!parse_http_url(text, error).has_value(), text);
        BOOST_TEST(!error.empty(), text);
    }
}

BOOST_AUTO_TEST_CASE(redirect_locations_resolve_against_the_current_url)
{
    const auto base = parse("https://openrouter.ai/api/v1/models");
    std::string error;
    BOOST_TEST(resolve_location(base, "/api/v1/other", error)->text == "https://openrouter.ai/api/v1/other");
    BOOST_TEST(resolve_location(base, "frontend", error)->text == "https://openrouter.ai/api/v1/frontend");
    BOOST_TEST(resolve_location(base, "//status.example.com/x", error)->host == "status.example.com");
    const auto elsewhere = resolve_location(base, "http://example.com:8080/y", error);
    BOOST_TEST(!elsewhere->https);
    BOOST_TEST(elsewhere->port == 8080);
    BOOST_TEST(!resolve_location(base, "mailto:someone@example.com", error).has_value());
}

BOOST_AUTO_TEST_CASE(origins_compare_scheme_host_and_port)
{
    BOOST_TEST(same_origin(parse("https://a.example/x"), parse("https://a.example:443/y")));
    BOOST_TEST(!same_origin(parse("https://a.example/"), parse("http://a.example/")));
    BOOST_TEST(!same_origin(parse("https://a.example/"), parse("https://b.example/")));
    BOOST_TEST(!same_origin(parse("https://a.example/"), parse("https://a.example:8443/")));
}

BOOST_AUTO_TEST_CASE(loopback_hosts_are_recognised)
{
    for (const char* host :
         {"localhost", "LOCALHOST", "api.localhost", "127.0.0.1", "127.1.2.3", "::1", "::ffff:127.0.0.1"})
        BOOST_TEST(is_loopback_host(host), host);
    for (const char* host : {"openrouter.ai", "10.0.0.1", "192.0.2.1", "::2", "localhost.example.com", "128.0.0.1"})
        BOOST_TEST(!is_loopback_host(host), host);
}

BOOST_AUTO_TEST_CASE(connect_to_rules_parse_like_curl)
{
    const auto full = parse_connect_to("openrouter.ai:443:127.0.0.1:8443");
    BOOST_TEST_REQUIRE(full.has_value());
    BOOST_TEST(full->from_host == "openrouter.ai");
    BOOST_TEST(full->from_port == "443");
    BOOST_TEST(full->to_host == "127.0.0.1");
    BOOST_TEST(full->to_port == "8443");

    const auto v6 = parse_connect_to("[::1]:443:[::1]:9443");
    BOOST_TEST_REQUIRE(v6.has_value());
    BOOST_TEST(v6->from_host == "::1");
    BOOST_TEST(v6->to_host == "::1");
    BOOST_TEST(v6->to_port == "9443");

    const auto any = parse_connect_to("::localhost:");
    BOOST_TEST_REQUIRE(any.has_value());
    BOOST_TEST(any->from_host.empty());
    BOOST_TEST(any->from_port.empty());
    BOOST_TEST(any->to_host == "localhost");
    BOOST_TEST(any->to_port.empty());

    for (const char* bad : {"", "a:1:b", "a:1:b:2:3", "a:x:b:2", "a:1:b:99999", "[::1:443:a:1", "a:1:[::1]x:2"})
        BOOST_TEST(!parse_connect_to(bad).has_value(), bad);
}

BOOST_AUTO_TEST_CASE(connect_to_rules_apply_to_matching_host_and_port)
{
    const std::vector<connect_to> rules{*parse_connect_to("openrouter.ai:443:127.0.0.1:8443"),
                                        *parse_connect_to(":80:localhost:")};
    const auto hit = apply_connect_to(rules, "openrouter.ai", 443);
    BOOST_TEST(hit.redirected);
    BOOST_TEST(hit.host == "127.0.0.1");
    BOOST_TEST(hit.port == 8443);

    const auto other_port = apply_connect_to(rules, "openrouter.ai", 8443);
    BOOST_TEST(!other_port.redirected);
    BOOST_TEST(other_port.host == "openrouter.ai");

    const auto any_host = apply_connect_to(rules, "example.com", 80);
    BOOST_TEST(any_host.redirected);
    BOOST_TEST(any_host.host == "localhost");
    BOOST_TEST(any_host.port == 80);
}

BOOST_AUTO_TEST_CASE(proxy_urls_keep_credentials_out_of_their_name)
{
    std::string error;
    const auto proxy = parse_proxy_url("http://alice:s3cret@proxy.example:3128", error);
    BOOST_TEST_REQUIRE(proxy.has_value(), error);
    BOOST_TEST(proxy->host == "proxy.example");
    BOOST_TEST(proxy->port == 3128);
    BOOST_TEST(proxy->authorization == "Basic YWxpY2U6czNjcmV0");
    BOOST_TEST(proxy->authority() == "proxy.example:3128");

    const auto bare = parse_proxy_url("proxy.example:8080", error);
    BOOST_TEST_REQUIRE(bare.has_value(), error);
    BOOST_TEST(bare->port == 8080);
    BOOST_TEST(bare->authorization.empty());

    BOOST_TEST(!parse_proxy_url("socks5://proxy.example:1080", error).has_value());
    BOOST_TEST(!parse_proxy_url("http://", error).has_value());
}

BOOST_AUTO_TEST_CASE(no_proxy_matches_names_suffixes_ports_and_blocks)
{
    BOOST_TEST(no_proxy_matches("*", "openrouter.ai", 443));
    BOOST_TEST(no_proxy_matches("localhost, openrouter.ai", "openrouter.ai", 443));
    BOOST_TEST(no_proxy_matches("openrouter.ai", "api.openrouter.ai", 443));
    BOOST_TEST(no_proxy_matches(".openrouter.ai", "api.openrouter.ai", 443));
    BOOST_TEST(no_proxy_matches("*.openrouter.ai", "openrouter.ai", 443));
    BOOST_TEST(!no_proxy_matches("openrouter.ai", "notopenrouter.ai", 443));
    BOOST_TEST(no_proxy_matches("openrouter.ai:443", "openrouter.ai", 443));
    BOOST_TEST(!no_proxy_matches("openrouter.ai:8443", "openrouter.ai", 443));
    BOOST_TEST(no_proxy_matches("10.0.0.0/8", "10.1.2.3", 80));
    BOOST_TEST(!no_proxy_matches("10.0.0.0/8", "11.1.2.3", 80));
    BOOST_TEST(no_proxy_matches("::1", "::1", 443));
    BOOST_TEST(no_proxy_matches("[::1]:443", "::1", 443));
    BOOST_TEST(!no_proxy_matches("", "openrouter.ai", 443));
    BOOST_TEST(!no_proxy_matches(" , ,", "openrouter.ai", 443));
}

BOOST_AUTO_TEST_CASE(proxy_settings_come_from_the_environment_unless_given)
{
    const scoped_env lower("https_proxy", nullptr), upper("HTTPS_PROXY", "http://proxy.example:3128");
    const scoped_env no_lower("no_proxy", "localhost"), no_upper("NO_PROXY", "ignored.example");
    client_options options;
    apply_proxy_environment(options);
    BOOST_TEST(options.proxy.value_or("") == "http://proxy.example:3128");
    BOOST_TEST(options.no_proxy == "localhost");

    client_options explicit_options;
    explicit_options.proxy = "http://mine.example:8080";
    explicit_options.no_proxy = "example.org";
    apply_proxy_environment(explicit_options);
    BOOST_TEST(explicit_options.proxy.value_or("") == "http://mine.example:8080");
    BOOST_TEST(explicit_options.no_proxy == "example.org");
}
