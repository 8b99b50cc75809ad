#include "cli/svg_plot.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace kc::cli {
namespace {

constexpr double kWidth = 960, kHeight = 520;
constexpr double kLeft = 78, kRight = 250, kTop = 70, kBottom = 88;

std::string escape(const std::string& s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

// 1, 2 or 5 times a power of ten, giving about `count` ticks over [0, max].
double nice_step(double max, int count) {
  if (!(max > 0)) return 1;
  const double raw = max / count, p = std::pow(10.0, std::floor(std::log10(raw)));
  for (double m : {1.0, 2.0, 5.0, 10.0})
    if (raw <= m * p) return m * p;
  return 10 * p;
}

std::string tick_label(double v) {
  std::string s = fmt::format("{:.6g}", v);
  return s;
}

struct Frame {
  double x_max, y_max, x_scale;  // x_scale converts minutes to the shown unit
  double px(double x_min) const { return kLeft + x_min * x_scale / x_max * (kWidth - kLeft - kRight); }
  double py(double y) const { return kHeight - kBottom - y / y_max * (kHeight - kTop - kBottom); }
};

Frame make_frame(const PlotSpec& s) {
  const double t_end = s.x_min.empty() ? 1 : s.x_min.back();
  double y_max = 0;
  for (const auto& c : s.curves) for (double v : c.y) if (std::isfinite(v)) y_max = std::max(y_max, v);
  for (const auto& b : s.bands) for (double v : b.high) if (std::isfinite(v)) y_max = std::max(y_max, v);
  for (const auto& r : s.regions) y_max = std::max(y_max, std::min(r.high, std::max(y_max * 1.1, r.low)));
  const double y_step = nice_step(y_max * 1.05, 6);
  const double x_scale = t_end > 180 ? 1.0 / 60 : 1.0;
  return Frame{t_end * x_scale, std::max(y_step, std::ceil(y_max * 1.05 / y_step) * y_step), x_scale};
}

std::string polyline(const Frame& f, const std::vector<double>& x, const std::vector<double>& y) {
  std::string pts;
  for (std::size_t i = 0; i < x.size() && i < y.size(); ++i)
    if (std::isfinite(y[i])) pts += fmt::format("{:.1f},{:.1f} ", f.px(x[i]), f.py(y[i]));
  return pts;
}

std::string axes(const PlotSpec& s, const Frame& f) {
  std::string out;
  const double y_step = nice_step(f.y_max, 6);
  for (double y = 0; y <= f.y_max + 1e-9; y += y_step) {
    out += fmt::format(R"(<line x1="{:.1f}" y1="{:.1f}" x2="{:.1f}" y2="{:.1f}" class="grid"/>)", kLeft, f.py(y),
                       kWidth - kRight, f.py(y));
    out += fmt::format(R"(<text x="{:.1f}" y="{:.1f}" class="tick" text-anchor="end">{}</text>)", kLeft - 8,
                       f.py(y) + 4, tick_label(y));
  }
  const double x_step = nice_step(f.x_max, 8);
  for (double x = 0; x <= f.x_max + 1e-9; x += x_step) {
    const double px = f.px(x / f.x_scale);
    out += fmt::format(R"(<line x1="{:.1f}" y1="{:.1f}" x2="{:.1f}" y2="{:.1f}" class="axis"/>)", px,
                       kHeight - kBottom, px, kHeight - kBottom + 5);
    out += fmt::format(R"(<text x="{:.1f}" y="{:.1f}" class="tick" text-anchor="middle">{}</text>)", px,
                       kHeight - kBottom + 20, tick_label(x));
  }
  out += fmt::format(R"(<line x1="{0}" y1="{1}" x2="{2}" y2="{1}" class="axis"/>)", kLeft, kHeight - kBottom,
                     kWidth - kRight);
  out += fmt::format(R"(<line x1="{0}" y1="{1}" x2="{0}" y2="{2}" class="axis"/>)", kLeft, kTop, kHeight - kBottom);
  const std::string x_label = f.x_scale < 1 ? s.x_label : "time since start (min)";
  out += fmt::format(R"(<text x="{:.1f}" y="{:.1f}" class="label" text-anchor="middle">{}</text>)",
                     (kLeft + kWidth - kRight) / 2, kHeight - kBottom + 44, escape(x_label));
  out += fmt::format(R"svg(<text transform="translate(20,{:.1f}) rotate(-90)" class="label" text-anchor="middle">{}</text>)svg",
                     (kTop + kHeight - kBottom) / 2, escape(s.y_label));
  return out;
}

std::string legend_entry(double y, const std::string& colour, const std::string& label, bool band, bool dashed) {
  const double x = kWidth - kRight + 16;
  std::string mark = band ? fmt::format(R"(<rect x="{}" y="{:.1f}" width="22" height="10" fill="{}" fill-opacity="0.25"/>)",
                                        x, y - 8, colour)
                          : fmt::format(R"(<line x1="{}" y1="{:.1f}" x2="{}" y2="{:.1f}" stroke="{}" stroke-width="2.5"{}/>)",
                                        x, y - 3, x + 22, y - 3, colour, dashed ? R"( stroke-dasharray="6 4")" : "");
  return mark + fmt::format(R"(<text x="{}" y="{:.1f}" class="legend">{}</text>)", x + 30, y, escape(label));
}

// The source line, wrapped at about 150 characters on up to two lines.
std::string footnote(const std::string& text) {
  std::string first = text, second;
  if (text.size() > 150) {
    const auto cut = text.rfind(' ', 150);
    first = text.substr(0, cut);
    second = text.substr(cut + 1);
    if (second.size() > 150) second = second.substr(0, 147) + "...";
  }
  std::string out = fmt::format(R"(<text x="{}" y="{}" class="foot">{}</text>)", kLeft, kHeight - 24, escape(first));
  if (!second.empty()) out += fmt::format(R"(<text x="{}" y="{}" class="foot">{}</text>)", kLeft, kHeight - 10, escape(second));
  return out;
}

}  // namespace

std::string render_svg(const PlotSpec& s) {
  const Frame f = make_frame(s);
  std::string out = fmt::format(
      R"(<svg xmlns="http://www.w3.org/2000/svg" width="{0}" height="{1}" viewBox="0 0 {0} {1}" role="img" aria-label="{2}">)",
      kWidth, kHeight, escape(s.title));
  out += R"(<style>text{font-family:"Helvetica Neue",Arial,sans-serif;fill:#1f2933}.title{font-size:18px;font-weight:600}.subtitle{font-size:12.5px;fill:#52606d}.tick{font-size:11.5px;fill:#52606d}.label{font-size:13px}.legend{font-size:12.5px}.foot{font-size:10.5px;fill:#7b8794}.grid{stroke:#e4e7eb;stroke-width:1}.axis{stroke:#7b8794;stroke-width:1}.ref{stroke:#9aa5b1;stroke-width:1;stroke-dasharray:3 3}</style>)";
  out += fmt::format(R"(<rect width="{}" height="{}" fill="#ffffff"/>)", kWidth, kHeight);
  out += fmt::format(R"(<title>{}</title>)", escape(s.title));
  out += fmt::format(R"(<text x="{}" y="30" class="title">{}</text>)", kLeft, escape(s.title));
  out += fmt::format(R"(<text x="{}" y="50" class="subtitle">{}</text>)", kLeft, escape(s.subtitle));
  out += axes(s, f);
  for (const auto& r : s.regions) {
    const double top = f.py(std::min(r.high, f.y_max)), bottom = f.py(r.low);
    out += fmt::format(R"(<rect x="{}" y="{:.1f}" width="{}" height="{:.1f}" fill="#f0b429" fill-opacity="0.10"/>)",
                       kLeft, top, kWidth - kLeft - kRight, bottom - top);
    out += fmt::format(R"(<text x="{:.1f}" y="{:.1f}" class="tick" text-anchor="end">{}</text>)",
                       kWidth - kRight - 6, top + 14, escape(r.label));
  }
  double legend_y = kTop + 10;
  for (const auto& b : s.bands) {
    std::string pts = polyline(f, s.x_min, b.high);
    std::vector<double> rx(s.x_min.rbegin(), s.x_min.rend()), ry(b.low.rbegin(), b.low.rend());
    pts += polyline(f, rx, ry);
    out += fmt::format(R"(<polygon points="{}" fill="{}" fill-opacity="0.18" stroke="none"/>)", pts, b.colour);
    out += legend_entry(legend_y, b.colour, b.label, true, false);
    legend_y += 22;
  }
  for (const auto& c : s.curves) {
    out += fmt::format(R"(<polyline points="{}" fill="none" stroke="{}" stroke-width="2.5" stroke-linejoin="round"{}/>)",
                       polyline(f, s.x_min, c.y), c.colour, c.dashed ? R"( stroke-dasharray="6 4")" : "");
    out += legend_entry(legend_y, c.colour, c.label, false, c.dashed);
    legend_y += 22;
  }
  out += footnote(s.footnote);
  out += "</svg>\n";
  return out;
}

}  // namespace kc::cli
