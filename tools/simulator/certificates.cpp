#include "simulator/certificates.hpp"

#include "pki/pki.hpp"

namespace ngd::sim {

tls_files files_in(const std::filesystem::path& dir)
{
    return {dir / "ca.pem", dir / "server.pem", dir / "server-key.pem", dir / "hosts.txt"};
}

std::string generate_certificates(const std::filesystem::path& dir, const std::vector<std::string>& hosts)
{
    try {
        const pki::authority ca("ngdoctor-sim test CA");
        pki::leaf_request leaf;
        leaf.dns_names = hosts;
        leaf.dns_names.push_back("localhost");
        leaf.ip_addresses = {"127.0.0.1", "::1"};
        leaf.window = pki::valid_for(std::chrono::hours(24 * 7));
        const auto files = files_in(dir);
        pki::write_file(files.ca, ca.cert_pem());
        pki::write_identity(ca.issue(leaf), files.cert, files.key);
        std::string list;
        for (const auto& host : hosts) list += host + "\n";
        pki::write_file(files.hosts, list);
        return {};
    } catch (const std::exception& e) {
        return "cannot make certificates in " + dir.string() + ": " + e.what();
    }
}

std::unique_ptr<boost::asio::ssl::context> make_tls_context(const tls_files& files, std::string& error)
{
    auto context = std::make_unique<boost::asio::ssl::context>(boost::asio::ssl::context::tls_server);
    boost::system::error_code failure;
    context->set_options(boost::asio::ssl::context::default_workarounds | boost::asio::ssl::context::no_sslv2 |
                             boost::asio::ssl::context::no_sslv3 | boost::asio::ssl::context::no_tlsv1 |
                             boost::asio::ssl::context::no_tlsv1_1,
                         failure);
    if (!failure) context->use_certificate_chain_file(files.cert.string(), failure);
    if (failure) {
        error = "cannot use certificate " + files.cert.string() + ": " + failure.message();
        return nullptr;
    }
    context->use_private_key_file(files.key.string(), boost::asio::ssl::context::pem, failure);
    if (failure) {
        error = "cannot use key " + files.key.string() + ": " + failure.message();
        return nullptr;
    }
    return context;
}

}  // namespace ngd::sim
