#define BOOST_TEST_MODULE config_python_interpreter
#include <boost/test/unit_test.hpp>

#include "config/python_interpreter.hpp"
#include "support/temp_dir.hpp"

#include <filesystem>

namespace fs = std::filesystem;
using ngd::config::interpreter_version;
using ngd::config::python3_interpreter;
using ngd::config::python_lookup;

namespace {

// An executable python3 that only says its version, as `python3 --version` does.
fs::path fake_python(const ngd::test::temp_dir& dir, const std::string& folder, const std::string& version)
{
    const auto file = dir.write(folder + "/python3", "#!/bin/sh\necho 'Python " + version + "'\n");
    fs::permissions(file, fs::perms::owner_all);
    return file;
}

// A machine with pyenv: its shim (which would answer 9.9.9, so a test sees when it was asked),
// two installed versions, and the system python3 after the shims on PATH.
struct pyenv_machine {
    ngd::test::temp_dir dir;
    fs::path shim = fake_python(dir, "pyenv/shims", "9.9.9");
    fs::path v311 = fake_python(dir, "pyenv/versions/3.11.7/bin", "3.11.7");
    fs::path v312 = fake_python(dir, "pyenv/versions/3.12.1/bin", "3.12.1");
    fs::path system = fake_python(dir, "usr/bin", "3.11.2");
    fs::path project = dir.path() / "home/me/project/sub";

    pyenv_machine() { fs::create_directories(project); }

    python_lookup lookup() const
    {
        python_lookup l;
        l.path = (dir.path() / "pyenv/shims").string() + ":" + (dir.path() / "usr/bin").string();
        l.pyenv_root = dir.path() / "pyenv";
        l.pyenv_dir = project;
        return l;
    }

    std::string version_with(const python_lookup& l) const
    {
        const auto interpreter = python3_interpreter(l);
        BOOST_TEST_REQUIRE(interpreter.has_value());
        return interpreter_version(*interpreter).value_or("(none)");
    }
};

}  // namespace

BOOST_AUTO_TEST_CASE(the_first_python3_on_path_is_asked_its_version)
{
    ngd::test::temp_dir dir;
    fake_python(dir, "b", "3.13.14");
    fake_python(dir, "c", "3.10.0");
    dir.write("a/python3", "not executable");
    python_lookup l;
    l.path = (dir.path() / "a").string() + ":" + (dir.path() / "b").string() + ":" + (dir.path() / "c").string();
    const auto interpreter = python3_interpreter(l);
    BOOST_TEST_REQUIRE(interpreter.has_value());
    BOOST_TEST(*interpreter == dir.path() / "b/python3");
    BOOST_TEST(interpreter_version(*interpreter).value_or("") == "3.13.14");

    l.path = (dir.path() / "a").string();
    BOOST_TEST(!python3_interpreter(l).has_value());
    BOOST_TEST(!interpreter_version(dir.path() / "a/python3").has_value());
}

BOOST_AUTO_TEST_CASE(a_pyenv_shim_is_looked_through_to_the_version_pyenv_would_run)
{
    pyenv_machine m;
    // The global version file.
    m.dir.write("pyenv/version", "3.11.7\n");
    BOOST_TEST(m.version_with(m.lookup()) == "3.11.7");
    // A .python-version in a parent of the current folder wins over it (comments left out).
    m.dir.write("home/me/project/.python-version", "# pinned\n3.12.1\n");
    BOOST_TEST(m.version_with(m.lookup()) == "3.12.1");
    // PYENV_VERSION wins over both.
    auto l = m.lookup();
    l.pyenv_version = "3.11.7";
    BOOST_TEST(m.version_with(l) == "3.11.7");
    // "system": the next python3 on PATH.
    l.pyenv_version = "system";
    BOOST_TEST(m.version_with(l) == "3.11.2");
}

BOOST_AUTO_TEST_CASE(a_choice_that_is_not_plain_is_left_to_the_shim)
{
    pyenv_machine m;
    auto l = m.lookup();
    for (const char* choice : {"3.11.7:3.12.1", "3.11", "3.9.0", ""}) {
        l.pyenv_version = choice;
        if (!*choice) l.pyenv_version.reset();  // and no version file at all
        BOOST_TEST(m.version_with(l) == "9.9.9", choice);
    }
    m.dir.write("home/me/project/.python-version", "3.11.7\n3.12.1\n");
    BOOST_TEST(m.version_with(m.lookup()) == "9.9.9");
}

// A .python-version in the folder ngdoctor looks at is not trusted to name a program: a
// version reaching out of pyenv's versions/ is left to the shim (and pyenv, which refuses it).
BOOST_AUTO_TEST_CASE(a_version_name_reaching_out_of_the_versions_folder_runs_nothing_it_names)
{
    pyenv_machine m;
    fake_python(m.dir, "home/me/project/evil/bin", "6.6.6");
    for (const std::string escape : {"../../home/me/project/evil", "..", "3.11.7/../../../home/me/project/evil"}) {
        m.dir.write("home/me/project/.python-version", escape + "\n");
        BOOST_TEST(m.version_with(m.lookup()) == "9.9.9", escape);
        auto l = m.lookup();
        l.pyenv_version = escape;
        BOOST_TEST(m.version_with(l) == "9.9.9", escape);
    }
}

// A version file is read only at its start, whatever its size or kind.
BOOST_AUTO_TEST_CASE(a_huge_or_special_version_file_is_read_within_bounds, *boost::unit_test::timeout(60))
{
    pyenv_machine m;
    m.dir.write("home/me/project/.python-version", "3.11.7 " + std::string(8 * 1024 * 1024, 'x'));
    BOOST_TEST(m.version_with(m.lookup()) == "9.9.9");  // two words: not a plain choice
    fs::remove(m.project.parent_path() / ".python-version");
    fs::create_symlink("/dev/zero", m.dir.path() / "pyenv/version");
    BOOST_TEST(m.version_with(m.lookup()) == "9.9.9");
}
