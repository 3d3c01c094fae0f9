// @generated from assets/results.yaml by tests/builtin_data.rs: do not edit.
// After editing assets/results.yaml, run `HER2PREP_BLESS=1 cargo test --test builtin_data`.

/// `assets/results.yaml`: (section, [(key, text)]), sorted.
#[rustfmt::skip]
pub(super) static TEXTS: &[(&str, &[(&str, &str)])] = &[
    ("brca", &[
        ("triple-negative-pending", "Your inherited BRCA result is on its way: ask when it is due and how it could change the plan."),
        ("triple-negative-positive", "You carry an inherited BRCA change: ask how it changes your treatment options, such as a PARP inhibitor, and what it means for your relatives."),
        ("triple-negative-untested", "Triple-negative cancer is one where an inherited BRCA result can change treatment: ask whether genetic testing is advised for you."),
    ]),
    ("her2", &[
        ("equivocal", "HER2 2+ (borderline): this result is not final until an ISH (FISH) test shows whether the HER2 gene is increased. Ask whether ISH has been done and when you will know."),
        ("low", "HER2-low: a small amount of HER2 is present (IHC 1+, or 2+ with a negative ISH test). It is still HER2-negative, but it can open newer options if the cancer spreads; ask that it is recorded clearly."),
        ("low-metastatic", "HER2-low: a small amount of HER2 is present (IHC 1+, or 2+ with a negative ISH test). It is still HER2-negative, but it can make a newer antibody-drug conjugate an option for cancer that has spread; ask whether that applies to you, and when."),
        ("positive", "HER2-positive: the cancer has too much HER2 (IHC 3+, or 2+ with an amplified ISH test). HER2-targeted treatments are used for this type; ask which ones apply to you."),
        ("ultralow", "HER2-ultralow: the score is 0, but a very faint stain was seen on a few cells. It is still HER2-negative; ask whether it could matter for newer drugs if the cancer ever spreads."),
        ("ultralow-metastatic", "HER2-ultralow: the score is 0, but a very faint stain was seen on a few cells. It is still HER2-negative, but for hormone receptor-positive cancer that has spread it can make some newer drugs an option; ask whether that applies to you, and when."),
        ("unknown", "Your HER2 result is not known yet. Ask for both the IHC score and any ISH (FISH) result."),
        ("zero", "HER2-0: no HER2 was seen on the cancer cells, so the cancer is HER2-negative. You could ask whether any faint staining was seen, as the exact score can matter for some newer drugs later."),
    ]),
    ("hr", &[
        ("low", "ER-low: only 1 to 10 % of cells have estrogen receptors. The benefit of hormone therapy is uncertain, so ask whether your cancer is treated more like triple-negative cancer."),
        ("negative", "Hormone receptor-negative: neither ER nor PR is present, so hormone therapy is not expected to help. Ask which other treatments are planned."),
        ("positive", "Hormone receptor-positive: ER or PR (or both) is positive, so hormones can help the cancer grow. Ask about hormone therapy: which kind, for how long, and how side effects will be managed."),
        ("unknown", "Your ER and PR results are not known yet. Ask for the exact results, including percentages."),
    ]),
    ("notice", &[
        ("equivocal", "Your HER2 score is 2+ (borderline). This result is not final until an ISH (FISH) test is done, and the answer can change which treatments fit, so the list includes questions about it."),
        ("er-low", "Your ER is low (1-10 %). Cancers like this often behave like triple-negative cancer, and the benefit of hormone therapy is uncertain, so your list includes questions about both."),
        ("her2-positive", "This tool is made for HER2-negative breast cancer, and your HER2 result is positive. The general questions below still apply, but the HER2-negative treatment questions have been left out; please ask your care team which HER2-targeted treatments fit you, and look for information made for HER2-positive cancer."),
    ]),
    ("setting", &[
        ("dcis", "Stage 0 (DCIS): abnormal cells are inside the milk ducts and have not spread into the breast tissue around them. Ask which treatments are usually offered and what each adds."),
        ("early", "Early breast cancer (stage I or II): the cancer is in the breast and perhaps nearby lymph nodes, and the aim of treatment is usually cure. Ask about the order of surgery, radiation and medicines."),
        ("locally-advanced", "Locally advanced breast cancer (stage III): the cancer is larger or has reached more lymph nodes, but has not spread to distant organs. Ask whether medicines will come before surgery and what the overall plan is."),
        ("metastatic", "Metastatic breast cancer (stage IV): the cancer has spread to other parts of the body. Treatment usually aims to control it for as long as possible while keeping a good quality of life; ask about the goal, re-testing and the options over time."),
        ("unknown", "Your stage is not known yet. Ask what stage your cancer is and what it means for treatment."),
    ]),
    ("subtype", &[
        ("dcis", "For DCIS the estrogen receptor (ER) result is the one that matters most: if it is positive, hormone therapy may lower the risk of a new breast cancer. HER2 is not usually tested for DCIS. Ask what your ER result means for you, and which treatments would lower your risk."),
        ("er-low", "Your cancer is HER2-negative with a low ER result (1-10 % of cells). Cancers like this often behave like triple-negative cancer and may be treated like it; ask whether hormone therapy would help you and which triple-negative treatments or trials could apply."),
        ("her2-positive", "Your HER2 result is positive, which is a different type of breast cancer with its own HER2-targeted treatments. This tool is made for HER2-negative breast cancer; the general questions still apply, and it is worth asking which HER2-targeted treatments fit you."),
        ("hr-positive", "Your cancer looks hormone receptor-positive and HER2-negative (HR+/HER2-), the most common type. Hormones help it grow, so hormone (endocrine) therapy is usually a key part of treatment; ask how long it would last and whether chemotherapy or other medicines would add anything for you."),
        ("hr-positive-metastatic", "Your cancer looks hormone receptor-positive and HER2-negative (HR+/HER2-). Hormones help it grow, so hormone therapy, often with a targeted medicine, is usually the main treatment for as long as it keeps working; ask about tumor testing for changes such as PIK3CA and ESR1, and what could come next."),
        ("triple-negative", "Your cancer looks triple-negative: ER-negative, PR-negative and HER2-negative. Hormone therapy does not help it, so chemotherapy, sometimes with immunotherapy, is the main medicine; ask whether treatment before surgery is planned."),
        ("triple-negative-metastatic", "Your cancer looks triple-negative: ER-negative, PR-negative and HER2-negative. Hormone therapy does not help it; the medicines used include chemotherapy, immunotherapy when a PD-L1 test is positive, and antibody-drug conjugates. Ask about your PD-L1 result and which option could come first."),
        ("unknown", "Your cancer's type is not clear yet, because one or more of the ER, PR or HER2 results is missing or not final. Ask for the exact results: they decide which treatments fit."),
    ]),
];
