#include "sync/client/HttpClient.h"

#include <curl/curl.h>

#include <memory>
#include <mutex>

namespace da06::sync::client {

namespace {

struct CurlEasyDeleter {
    void operator()(CURL* c) const { curl_easy_cleanup(c); }
};
struct CurlListDeleter {
    void operator()(curl_slist* l) const { curl_slist_free_all(l); }
};

void globalInit()
{
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

std::size_t writeBody(char* data, std::size_t size, std::size_t n, void* user)
{
    auto* out = static_cast<std::string*>(user);
    const std::size_t bytes = size * n;
    if (out->size() + bytes > 64u * 1024u * 1024u) {
        return 0; // far above any answer of the protocol: abandon
    }
    out->append(data, bytes);
    return bytes;
}

int onProgress(void* user, curl_off_t, curl_off_t, curl_off_t, curl_off_t)
{
    const auto* cancel = static_cast<const std::atomic<bool>*>(user);
    return cancel && cancel->load() ? 1 : 0;
}

std::string hostOf(std::string_view url)
{
    auto p = url.find("://");
    std::string_view rest = p == std::string_view::npos ? url : url.substr(p + 3);
    auto end = rest.find('/');
    return std::string(rest.substr(0, end));
}

Error curlError(CURLcode rc, const std::string& url, const char* detail)
{
    const std::string host = hostOf(url);
    const std::string why = detail && *detail ? std::string(detail) : std::string(curl_easy_strerror(rc));
    switch (rc) {
    case CURLE_ABORTED_BY_CALLBACK:
        return {ErrorCode::Cancelled, "the synchronization was cancelled"};
    case CURLE_PEER_FAILED_VERIFICATION:
#if LIBCURL_VERSION_NUM < 0x073e00
    case CURLE_SSL_CACERT:
#endif
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_ISSUER_ERROR:
        return {ErrorCode::AuthenticationFailed,
                "the certificate of the hub " + host + " is not trusted (" + why +
                    "); if the hub uses its own certificate, enroll again with --ca FILE naming its CA certificate"};
    case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
        return {ErrorCode::AuthenticationFailed, "the public key of the hub " + host +
                                                     " does not match the pinned key: the connection was refused (ask "
                                                     "the hub admin whether the key changed)"};
    case CURLE_SSL_CONNECT_ERROR:
        return {ErrorCode::Network,
                "the secure connection to the hub " + host + " failed (" + why + "); the desk retries later"};
    case CURLE_OPERATION_TIMEDOUT:
        return {ErrorCode::Network,
                "the hub " + host + " did not answer in time (" + why + "); check the network; the desk retries later"};
    default:
        return {ErrorCode::Network,
                "the hub " + host + " is unreachable (" + why +
                    "); check the network connection and the server address; the desk retries later"};
    }
}

} // namespace

Status checkServerUrl(std::string_view url)
{
    if (url.starts_with("https://") && url.size() > 8) {
        return {};
    }
    if (url.starts_with("http://")) {
        const std::string host = hostOf(url);
        for (std::string_view local : {"127.0.0.1", "localhost", "[::1]"}) {
            if (host == local || (host.starts_with(local) && host.size() > local.size() && host[local.size()] == ':')) {
                return {};
            }
        }
        return fail(ErrorCode::Usage,
                    "plain http is allowed only for a hub on this computer (127.0.0.1, localhost); use https://");
    }
    return fail(ErrorCode::Usage, "the server address must start with https:// (got \"" + std::string(url) + "\")");
}

Result<HttpResponse> HttpClient::request(std::string_view method, const std::string& url,
                                         const std::vector<std::string>& headers, const std::string& body,
                                         const std::atomic<bool>* cancel)
{
    DA06_CHECK(checkServerUrl(url));
    globalInit();
    std::unique_ptr<CURL, CurlEasyDeleter> curl(curl_easy_init());
    if (!curl) {
        return fail(ErrorCode::Internal, "libcurl could not start a transfer");
    }
    CURL* c = curl.get();
    curl_slist* raw = nullptr;
    for (const auto& h : headers) {
        raw = curl_slist_append(raw, h.c_str());
    }
    std::unique_ptr<curl_slist, CurlListDeleter> list(raw);
    HttpResponse resp;
    char errbuf[CURL_ERROR_SIZE] = {0};
    curl_easy_setopt(c, CURLOPT_URL, url.c_str());
    curl_easy_setopt(c, CURLOPT_ERRORBUFFER, errbuf);
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);
    // TLS verification is never switched off.
    curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 1L);
    curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 2L);
    if (m_options.caFile) {
        curl_easy_setopt(c, CURLOPT_CAINFO, m_options.caFile->c_str());
    }
    if (m_options.pin) {
        curl_easy_setopt(c, CURLOPT_PINNEDPUBLICKEY, m_options.pin->c_str());
    }
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, m_options.connectTimeoutSeconds);
    curl_easy_setopt(c, CURLOPT_LOW_SPEED_LIMIT, m_options.lowSpeedBytesPerSecond);
    curl_easy_setopt(c, CURLOPT_LOW_SPEED_TIME, m_options.lowSpeedSeconds);
    curl_easy_setopt(c, CURLOPT_TIMEOUT, m_options.totalTimeoutSeconds);
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, list.get());
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, writeBody);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, &resp.body);
    curl_easy_setopt(c, CURLOPT_NOPROGRESS, 0L);
    curl_easy_setopt(c, CURLOPT_XFERINFOFUNCTION, onProgress);
    curl_easy_setopt(c, CURLOPT_XFERINFODATA, const_cast<std::atomic<bool>*>(cancel));
    if (method == "POST") {
        curl_easy_setopt(c, CURLOPT_POST, 1L);
        curl_easy_setopt(c, CURLOPT_POSTFIELDS, body.data());
        curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body.size()));
    } else {
        curl_easy_setopt(c, CURLOPT_HTTPGET, 1L);
    }
    const CURLcode rc = curl_easy_perform(c);
    if (rc != CURLE_OK) {
        return std::unexpected(curlError(rc, url, errbuf));
    }
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &resp.status);
    curl_off_t up = 0;
    curl_off_t down = 0;
    curl_easy_getinfo(c, CURLINFO_SIZE_UPLOAD_T, &up);
    curl_easy_getinfo(c, CURLINFO_SIZE_DOWNLOAD_T, &down);
    resp.bytesSent = static_cast<std::int64_t>(up);
    resp.bytesReceived = static_cast<std::int64_t>(down);
    return resp;
}

} // namespace da06::sync::client
