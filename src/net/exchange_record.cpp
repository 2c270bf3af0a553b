#include "net/exchange_record.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <string_view>

namespace ngd::net {
namespace {

// Names a query parameter carrying a secret goes by (Google's key=, OAuth's access_token=,
// S3's X-Amz-Signature=, ...): lower case, matched as parts of the name.
constexpr std::array<std::string_view, 8> credential_words{"key",    "token",     "secret", "password",
                                                           "passwd", "signature", "auth",   "session"};

bool names_a_credential(std::string_view name)
{
    std::string lower(name);
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return std::any_of(credential_words.begin(), credential_words.end(),
                       [&](std::string_view word) { return lower.find(word) != std::string::npos; });
}

std::string redacted_query(std::string_view query)
{
    std::string out;
    while (true) {
        const auto amp = query.find('&');
        const std::string_view pair = query.substr(0, amp);
        const auto eq = pair.find('=');
        if (eq != std::string_view::npos && names_a_credential(pair.substr(0, eq)))
            out.append(pair.substr(0, eq + 1)).append("[REDACTED]");
        else
            out.append(pair);
        if (amp == std::string_view::npos) break;
        out += '&';
        query.remove_prefix(amp + 1);
    }
    return out;
}

}  // namespace

std::string url_for_trace(const http_url& url)
{
    // Built from the parts, not from `text`: those never hold the userinfo.
    std::string out(url.scheme());
    out += "://" + url.host_header();
    const std::string_view target = url.target;
    const auto question = target.find('?');
    out.append(target.substr(0, question));
    if (question != std::string_view::npos) out += "?" + redacted_query(target.substr(question + 1));
    return out;
}

}  // namespace ngd::net
