//! The six churn causes: one fixed taxonomy shared by text analysis, counter-feedback
//! and reports, so a customer's words and the team's judgement can be compared.

use serde::{Deserialize, Serialize};

use crate::Lang;

api_enum! {
    /// Why customers of expert firms leave (DESIGN.md, "Six churn causes").
    pub enum ChurnCause {
        /// 1: what sales promised differs from what was delivered.
        PromiseVsDelivery,
        /// 2: the customer's voice is lost inside the firm.
        VoiceLost,
        /// 3: complaints and errors are handled poorly.
        ComplaintHandling,
        /// 4: the offering is not engaging enough.
        NotEngaging,
        /// 5: a long-time customer's needs have changed.
        NeedsChanged,
        /// 6: competitors are ahead on price or quality.
        CompetitorsAhead,
    }
}

impl ChurnCause {
    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (ChurnCause::PromiseVsDelivery, Lang::En) => "Sales promise vs delivery",
            (ChurnCause::PromiseVsDelivery, Lang::Fi) => "Myyntilupaus vs toimitus",
            (ChurnCause::VoiceLost, Lang::En) => "Customer's voice lost inside the firm",
            (ChurnCause::VoiceLost, Lang::Fi) => "Asiakkaan ääni katoaa talon sisällä",
            (ChurnCause::ComplaintHandling, Lang::En) => "Poor complaint or error handling",
            (ChurnCause::ComplaintHandling, Lang::Fi) => "Huono reklamaatioiden ja virheiden käsittely",
            (ChurnCause::NotEngaging, Lang::En) => "Offering not engaging enough",
            (ChurnCause::NotEngaging, Lang::Fi) => "Tarjonta ei sitouta riittävästi",
            (ChurnCause::NeedsChanged, Lang::En) => "Long-time customer's needs changed",
            (ChurnCause::NeedsChanged, Lang::Fi) => "Pitkäaikaisen asiakkaan tarpeet muuttuneet",
            (ChurnCause::CompetitorsAhead, Lang::En) => "Competitors ahead on price or quality",
            (ChurnCause::CompetitorsAhead, Lang::Fi) => "Kilpailijat edellä hinnassa tai laadussa",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_match_the_wire_names() {
        for cause in ChurnCause::ALL {
            let wire = serde_json::to_value(cause).unwrap();
            assert_eq!(wire.as_str(), Some(cause.code()));
            assert_eq!(ChurnCause::from_code(cause.code()), Some(cause));
        }
    }
}
