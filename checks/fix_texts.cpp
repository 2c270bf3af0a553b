#include "checks/fix_texts.hpp"

namespace ngd::checks::fix_texts {

doctor::fix new_key(std::string_view where, std::string curl)
{
    return {"create a new key at https://openrouter.ai/keys and put it in " + std::string(where), {std::move(curl)}};
}

doctor::fix add_credits(std::string curl)
{
    return {"add credits at https://openrouter.ai/settings/credits, or raise the key's limit at "
            "https://openrouter.ai/settings/keys",
            {std::move(curl)}};
}

doctor::fix choose_model(std::string_view where, std::string curl)
{
    return {"set " + std::string(where) + " to a current id from https://openrouter.ai/models", {std::move(curl)}};
}

}  // namespace ngd::checks::fix_texts
