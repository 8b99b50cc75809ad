#include "brain/spectrum.h"

#include <cmath>
#include <complex>
#include <numbers>
#include <utility>

namespace kc::brain {
namespace {

using Complex = std::complex<double>;

// In-place iterative radix-2 FFT; contract: size is a power of two.
void fft(std::vector<Complex>& a) {
  const std::size_t n = a.size();
  for (std::size_t i = 1, j = 0; i < n; ++i) {
    std::size_t bit = n >> 1;
    for (; j & bit; bit >>= 1) j ^= bit;
    j ^= bit;
    if (i < j) std::swap(a[i], a[j]);
  }
  for (std::size_t len = 2; len <= n; len <<= 1) {
    const double angle = -2 * std::numbers::pi / static_cast<double>(len);
    const Complex step(std::cos(angle), std::sin(angle));
    for (std::size_t i = 0; i < n; i += len) {
      Complex w(1);
      for (std::size_t k = 0; k < len / 2; ++k, w *= step) {
        const Complex u = a[i + k], v = a[i + k + len / 2] * w;
        a[i + k] = u + v;
        a[i + k + len / 2] = u - v;
      }
    }
  }
}

std::vector<double> hann(std::size_t n) {
  std::vector<double> w(n);
  for (std::size_t i = 0; i < n; ++i)
    w[i] = 0.5 - 0.5 * std::cos(2 * std::numbers::pi * static_cast<double>(i) / static_cast<double>(n));
  return w;
}

}  // namespace

Result<Spectrum> welch_psd(std::span<const double> signal, double sample_rate_hz, std::size_t segment) {
  if (!(sample_rate_hz > 0)) return fail(ErrorCode::invalid_argument, "sample_rate", "sample_rate: must be positive");
  if (segment < 8 || (segment & (segment - 1)) != 0 || segment > signal.size())
    return fail(ErrorCode::invalid_argument, "segment",
                "segment: must be a power of two of at least 8 samples, no longer than the signal");
  const auto window = hann(segment);
  double window_power = 0;
  for (double w : window) window_power += w * w;
  Spectrum out;
  out.bin_hz = sample_rate_hz / static_cast<double>(segment);
  out.density.assign(segment / 2 + 1, 0.0);
  std::size_t segments = 0;
  std::vector<Complex> buffer(segment);
  for (std::size_t start = 0; start + segment <= signal.size(); start += segment / 2, ++segments) {
    double mean = 0;
    for (std::size_t i = 0; i < segment; ++i) mean += signal[start + i];
    mean /= static_cast<double>(segment);
    for (std::size_t i = 0; i < segment; ++i) buffer[i] = (signal[start + i] - mean) * window[i];
    fft(buffer);
    for (std::size_t k = 0; k <= segment / 2; ++k) {
      const bool edge = k == 0 || k == segment / 2;  // DC and Nyquist have no mirror bin
      out.density[k] += (edge ? 1.0 : 2.0) * std::norm(buffer[k]) / (sample_rate_hz * window_power);
    }
  }
  for (auto& d : out.density) d /= static_cast<double>(segments);
  for (std::size_t k = 0; k <= segment / 2; ++k) out.frequency_hz.push_back(static_cast<double>(k) * out.bin_hz);
  return out;
}

double band_power(const Spectrum& s, double lo_hz, double hi_hz) {
  double power = 0;
  for (std::size_t k = 0; k < s.density.size(); ++k)
    if (s.frequency_hz[k] >= lo_hz && s.frequency_hz[k] < hi_hz) power += s.density[k] * s.bin_hz;
  return power;
}

double peak_frequency_hz(const Spectrum& s, double lo_hz, double hi_hz) {
  double best = -1, at = 0;
  for (std::size_t k = 0; k < s.density.size(); ++k)
    if (s.frequency_hz[k] >= lo_hz && s.frequency_hz[k] < hi_hz && s.density[k] > best) {
      best = s.density[k];
      at = s.frequency_hz[k];
    }
  return at;
}

}  // namespace kc::brain
