// The landing page: the care pathway and how ketamine acts, in plain words.
// Every fact here comes from a source listed in docs/sources.md; the study named
// in brackets is the source of each: [@murrough2013bp] [@phillips2019]
// [@spravato_hcp] [@sanacora2017] [@milak2016] [@li2010] [@zanos2018] [@alshirawi2017]
// [@kishimoto2016] [@han2016] [@feder2021] [@abdallah2022] [@spravato_label].
import { Page } from "../../components/page";
import { Link } from "../../router";

export function Landing() {
  return (
    <Page
      title="Ketamine treatment, step by step"
      lead="Find a clinic near you, book a first consultation and follow your care in one place. This site explains how treatment usually goes; your prescriber decides with you whether it is right for you."
      wide
    >
      <div class="actions">
        <Link href="/find" class="button">
          Find a clinic near you
        </Link>
        <a href="#how-it-works" class="button button-secondary">
          How ketamine works
        </a>
      </div>

      <section aria-labelledby="pathway-heading">
        <h2 id="pathway-heading">The pathway</h2>
        <ol class="pathway">
          <li class="card">
            <h3>Consultation</h3>
            <p>
              You meet a prescriber, answer short questionnaires about your mood and your health, and talk through your
              medical history. Together you decide whether ketamine treatment fits, and if so, plan a course.
            </p>
          </li>
          <li class="card">
            <h3>Infusion sessions</h3>
            <p>
              In studies, a course was often six infusions over about two weeks, three a week (Murrough 2013, Phillips
              2019). Each infusion usually runs about 40 minutes while you rest in a chair. A nurse checks your blood
              pressure, heart rate and oxygen level throughout.
            </p>
            <p>
              You stay until you are ready to leave. Clinics usually ask that someone takes you home and that you do not
              drive until the next day.
            </p>
          </li>
          <li class="card">
            <h3>Aftercare</h3>
            <p>
              Follow-up visits and the same short questionnaires show how you are doing over time. Some people are
              offered occasional top-up infusions; there is little research yet on how often these should be.
            </p>
          </li>
        </ol>
      </section>

      <section class="prose" aria-labelledby="how-it-works">
        <h2 id="how-it-works" tabIndex={-1}>
          How ketamine acts
        </h2>
        <p>
          Ketamine blocks a receptor in the brain called the NMDA receptor, which responds to glutamate, one of the
          brain's chemical messengers. During an infusion, brain scans have shown a short rise in glutamate activity in
          the front of the brain, peaking about 26 minutes in (Milak 2016). In animal studies, this is followed over the
          next day or so by the growth of new connections between nerve cells. Researchers think these changes help
          explain why the effect on mood can outlast the drug itself.
        </p>
        <p>
          The usual research dose is 0.5 mg for each kilogram of body weight, given over 40 minutes. Blood levels peak
          near the end of the infusion, at about 185 ng/mL on average, and halve about every 2 to 3 hours afterwards.
          Between about 100 and 250 ng/mL many people feel dissociation: a dreamlike, detached feeling that lasts only
          during the infusion.
        </p>

        <h3>What studies found</h3>
        <ul>
          <li>
            After one infusion, some people felt better within hours. The effect was largest after about one day and
            usually faded over one to two weeks (Kishimoto 2016).
          </li>
          <li>
            One day after a single infusion, about half of the people in nine trials had responded (their symptoms
            fell by at least half) and about one in five were in remission (Han 2016).
          </li>
          <li>
            In two studies of people whose depression had not improved with other treatments, 59 % and 71 % responded
            after a series of six infusions (Phillips 2019, Murrough 2013). Among those who responded, symptoms came
            back after a median of 18 days (Murrough 2013).
          </li>
          <li>
            For PTSD, results are mixed: one trial found a clear benefit (Feder 2021), a larger one in veterans did
            not (Abdallah 2022).
          </li>
        </ul>
        <p>
          Ketamine infusions for depression are given "off-label": there is no official dosing protocol, so each
          clinic's medical director sets its own. Esketamine nasal spray (Spravato) is approved by the FDA for
          treatment-resistant depression.
        </p>
        <p class="sources">
          Sources are listed with the facts taken from each in the project's docs/sources.md; figures are averages from studies,
          not a promise of what any one person will experience.
        </p>
      </section>

      <section class="card" aria-labelledby="next-heading">
        <h2 id="next-heading">Ready to talk to someone?</h2>
        <p>A first consultation is a conversation. You are not committing to treatment by booking one.</p>
        <Link href="/find" class="button">
          Find a clinic near you
        </Link>
      </section>
    </Page>
  );
}
