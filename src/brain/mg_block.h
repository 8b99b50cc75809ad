#pragma once
// The voltage-dependent Mg2+ block of the NMDA receptor channel in the form of
// Jahr & Stevens 1990 (docs/sources.md#jahr1990), as used in the Brunel & Wang
// 2001 network (docs/sources.md#brunel2001):
//
//   m_inf(V) = 1 / (1 + ([Mg2+] / 3.57 mM) * exp(-0.062 * V / mV))
//
// m_inf is the fraction of NMDA conductance NOT blocked by Mg2+ (0 = fully
// blocked, 1 = open). Contract: mg_mM >= 0. Pure, no state.
#include <cmath>

namespace kc::brain {

inline constexpr double kMgHalfBlock_mM = 3.57;   // Jahr & Stevens 1990 [V-code: Brian2 Brunel_Wang_2001.py]
inline constexpr double kMgSlope_per_mV = 0.062;  // same source
inline constexpr double kMgPhysiological_mM = 1.0;  // Brunel & Wang 2001 network value [V-code]

inline double mg_unblocked_fraction(double v_mV, double mg_mM = kMgPhysiological_mM) {
  return 1.0 / (1.0 + (mg_mM / kMgHalfBlock_mM) * std::exp(-kMgSlope_per_mV * v_mV));
}

}  // namespace kc::brain
