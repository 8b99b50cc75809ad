#pragma once
// A clean, labelled SVG line chart of concentration over time that a clinician
// could show a patient: one or more curves, optional shaded percentile bands,
// optional shaded ranges of the y axis (e.g. the 100-250 ng/mL dissociation
// range), axes with round ticks, a title and a source line. Pure: returns text.
#include <string>
#include <vector>

namespace kc::cli {

struct PlotCurve {
  std::string label;
  std::vector<double> y;
  std::string colour;
  bool dashed = false;
};

struct PlotBand {
  std::string label;
  std::vector<double> low, high;
  std::string colour;
};

// A horizontal band of the y axis, shaded and labelled (e.g. 100-250 ng/mL).
struct PlotRegion {
  std::string label;
  double low = 0, high = 0;
};

struct PlotSpec {
  std::string title, subtitle, footnote;
  std::string x_label = "time since start (h)";
  std::string y_label = "concentration (ng/mL)";
  std::vector<double> x_min;  // minutes; shown in hours past 3 h, else minutes
  std::vector<PlotCurve> curves;
  std::vector<PlotBand> bands;
  std::vector<PlotRegion> regions;
};

std::string render_svg(const PlotSpec& spec);

}  // namespace kc::cli
