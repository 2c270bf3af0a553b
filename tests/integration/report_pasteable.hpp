#pragma once
/// Every `try:` command of a report runs as printed in bash: it parses (`bash -n`), holds
/// no placeholder, and sets the key variable it sends before sending it.
#include "run_report.hpp"

#include <regex>

namespace ngd::itest {

/// What a command must never contain: text the user would have to replace before it runs.
inline std::string placeholder_in(const std::string& command)
{
    if (command.find("...") != std::string::npos) return "...";
    static const std::regex angle("<[A-Za-z_][A-Za-z0-9_ -]*>");
    if (std::smatch m; std::regex_search(command, m, angle)) return m.str();
    if (command.find("${") != std::string::npos) return "${";
    for (const char* word : {"YOUR_", "your-", "xxxx", "CHANGEME", "<value>"})
        if (command.find(word) != std::string::npos) return word;
    return {};
}

inline test::run_result bash_syntax(const std::string& command)
{
    return test::run("/bin/bash", {"-n", "-c", command});
}

/// Checks every command of every finding of `report`; returns how many it checked.
inline std::size_t expect_pasteable(const json::value& report, const std::string& label)
{
    std::size_t checked = 0;
    if (!report.is_object() || !report.as_object().contains("checks")) return 0;
    for (const auto& c : report.at("checks").as_array()) {
        const auto* fix = c.as_object().if_contains("fix");
        if (!fix || !fix->is_object()) continue;
        const auto* commands = fix->as_object().if_contains("commands");
        if (!commands || !commands->is_array()) continue;
        bool api_key_set = false, management_key_set = false;
        for (const auto& v : commands->as_array()) {
            const std::string command(v.as_string());
            const std::string where = label + ": " + text_of(c, "id") + " (" + text_of(c, "target") + "): " + command;
            ++checked;
            const auto syntax = bash_syntax(command);
            BOOST_CHECK_MESSAGE(syntax.exit_code == 0, where << " does not parse in bash: " << syntax.err);
            const auto placeholder = placeholder_in(command);
            BOOST_CHECK_MESSAGE(placeholder.empty(), where << " holds the placeholder " << placeholder);
            api_key_set = api_key_set || command.starts_with("read -rs OPENROUTER_API_KEY");
            management_key_set = management_key_set || command.starts_with("read -rs OPENROUTER_MANAGEMENT_KEY");
            if (command.find("$OPENROUTER_API_KEY") != std::string::npos)
                BOOST_CHECK_MESSAGE(api_key_set, where << " sends $OPENROUTER_API_KEY before a step sets it");
            if (command.find("$OPENROUTER_MANAGEMENT_KEY") != std::string::npos)
                BOOST_CHECK_MESSAGE(management_key_set, where << " sends $OPENROUTER_MANAGEMENT_KEY before a step sets it");
            if (command.find("/credits") != std::string::npos && command.find("curl") != std::string::npos)
                BOOST_CHECK_MESSAGE(command.find("$OPENROUTER_MANAGEMENT_KEY") != std::string::npos,
                                    where << ": /credits answers only the management key");
        }
    }
    return checked;
}

}  // namespace ngd::itest
