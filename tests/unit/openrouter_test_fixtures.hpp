#pragma once
// Recorded OpenRouter answers (tests/fixtures/openrouter/*.json, validated against
// OpenRouter's own SDK schemas), found from the source tree or NGDOCTOR_FIXTURES_DIR.
#include <boost/test/unit_test.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace ngd::test {

inline std::filesystem::path openrouter_fixture_dir()
{
    if (const char* dir = std::getenv("NGDOCTOR_FIXTURES_DIR")) return dir;
    // Look upward from this source file, the working folder and the test binary (staged
    // in <repo>/bin/<variant>/tests) for <repo>/tests/fixtures/openrouter.
    std::error_code ec;
    const std::filesystem::path starts[] = {std::filesystem::absolute(__FILE__, ec).parent_path(),
                                            std::filesystem::current_path(ec),
                                            std::filesystem::read_symlink("/proc/self/exe", ec).parent_path()};
    for (const auto& start : starts) {
        for (auto dir = start; !dir.empty() && dir != dir.root_path(); dir = dir.parent_path()) {
            const auto candidate = dir / "tests" / "fixtures" / "openrouter";
            if (std::filesystem::is_directory(candidate, ec)) return candidate;
        }
    }
    return "tests/fixtures/openrouter";
}

inline std::string openrouter_fixture(const std::string& name)
{
    const auto file = openrouter_fixture_dir() / name;
    std::ifstream in(file, std::ios::binary);
    BOOST_TEST_REQUIRE(in.good(), "fixture not found: " << file.string());
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

}  // namespace ngd::test
