#include "checks/config_edit.hpp"

namespace ngd::checks {

doctor::edit edit_of(const doctor::target_field& field, std::optional<std::string> value, bool secret)
{
    doctor::edit e;
    if (field.where.from == config::origin::kind::file) {
        e.file = field.where.file;
        e.line = field.where.line;
    }
    e.key = field.path;
    e.value = std::move(value);
    e.secret = secret;
    return e;
}

doctor::fix with_edit(doctor::fix f, doctor::edit e)
{
    f.edits.push_back(std::move(e));
    return f;
}

}  // namespace ngd::checks
