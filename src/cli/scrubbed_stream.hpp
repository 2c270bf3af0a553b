#pragma once
/// Standard error as the commands write to it, with every line scrubbed of anything shaped like
/// an OpenRouter key before it leaves the process: usage errors quote the options they
/// reject, and a key pasted as an option's value must not be echoed back.
#include <ostream>
#include <streambuf>
#include <string>

namespace ngd::cli {

class scrubbed_buffer : public std::streambuf {
public:
    explicit scrubbed_buffer(std::streambuf* sink) : sink_(sink) {}
    ~scrubbed_buffer() override { sync(); }

protected:
    int_type overflow(int_type c) override;
    std::streamsize xsputn(const char* s, std::streamsize n) override;
    int sync() override;

private:
    void emit();  // writes the pending text, scrubbed

    std::streambuf* sink_;
    std::string pending_;
};

}  // namespace ngd::cli
