#include "cli/platform.hpp"

#include "net/tls.hpp"

#include <openssl/opensslv.h>

#include <chrono>
#include <ctime>
#include <sys/utsname.h>

namespace ngd::cli {

std::string without_credentials(std::string_view url)
{
    const auto scheme = url.find("://");
    if (scheme == std::string_view::npos) return std::string(url);
    const auto start = scheme == std::string_view::npos ? 0 : scheme + 3;
    const auto end = url.find_first_of("/?#", start);
    const auto authority = url.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
    const auto at = authority.rfind('@');
    if (at == std::string_view::npos) return std::string(url);
    return std::string(url.substr(0, start)) + std::string(url.substr(start + at + 1));
}

report::platform_view this_platform(const std::vector<std::string>& cacert_files,
                                    const std::optional<std::string>& proxy)
{
    report::platform_view p;
    utsname names{};
    if (::uname(&names) == 0) {
        p.os = names.sysname;
        p.kernel = names.release;
    }
    p.ca_store = net::system_ca_store().path;
    for (const auto& extra : cacert_files) p.ca_store += " + " + extra;
    if (proxy) p.proxy = without_credentials(*proxy);
    p.build = "ngdoctor " + std::string(report::version()) +
#ifdef NDEBUG
              " (release"
#else
              " (debug"
#endif
              + std::string(", gcc ") + __VERSION__ + ", " + OPENSSL_VERSION_TEXT + ")";
    return p;
}

std::string utc_now()
{
    const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
    std::tm utc{};
    ::gmtime_r(&now, &utc);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
    return text;
}

}  // namespace ngd::cli
