#pragma once
/// Which interpreter `python3` starts, for NeMo Gym's `python_version` (the version of the
/// Python that runs it). Asking a pyenv shim costs tens of milliseconds of shell scripts, more
/// than resolving the whole config, so a shim is looked through the way pyenv chooses, when
/// that choice is plain: one version, installed. Anything else is left to the shim itself.
#include <filesystem>
#include <optional>
#include <string>

namespace ngd::config {

/// What the lookup reads from the environment.
struct python_lookup {
    std::string path;                          ///< $PATH
    std::filesystem::path pyenv_root;          ///< $PYENV_ROOT, else ~/.pyenv
    std::optional<std::string> pyenv_version;  ///< $PYENV_VERSION
    std::filesystem::path pyenv_dir;           ///< $PYENV_DIR, else the current folder
};

python_lookup python_lookup_from_environment();

/// The executable `python3` names on `lookup.path`: through a pyenv shim, the installed
/// version pyenv would run (PYENV_VERSION, else the nearest .python-version from
/// `pyenv_dir` up, else `pyenv_root`/version; "system" is the next python3 on PATH); the shim
/// itself when the choice is not plain (several versions, a prefix, not installed). nullopt
/// when there is no python3.
std::optional<std::filesystem::path> python3_interpreter(const python_lookup& lookup);

/// "3.11.7" from `interpreter --version`; nullopt when it does not say "Python X...".
std::optional<std::string> interpreter_version(const std::filesystem::path& interpreter);

}  // namespace ngd::config
