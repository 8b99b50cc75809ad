// The appointment type a new patient books first (data/clinic/appointment_types.json).
export const kConsultation = "consultation";
