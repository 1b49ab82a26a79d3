//! `Share link`: puts the studio's settings in the page URL's fragment and copies that
//! URL; the link is also shown, selected, in case the clipboard is not available.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::history::replace_fragment;
use crate::studio::Studio;

#[component]
pub fn ShareLink() -> impl IntoView {
    let studio = expect_context::<Studio>();
    let link = RwSignal::new(None::<String>);
    let message = RwSignal::new(None::<(bool, String)>);
    let share = move |_| {
        let mut state = studio.link();
        state.epoch = studio.run.epoch.get_untracked();
        if let Err(e) = state.linkable() {
            link.set(None);
            message.set(Some((true, format!("No link made: {e}."))));
            return;
        }
        replace_fragment(&state.to_fragment());
        let Some(href) = web_sys::window().and_then(|w| w.location().href().ok()) else {
            return;
        };
        link.set(Some(href.clone()));
        message.set(Some((false, "Link made; copying it…".into())));
        spawn_local(async move {
            let copied = match web_sys::window().map(|w| w.navigator().clipboard()) {
                Some(c) => wasm_bindgen_futures::JsFuture::from(c.write_text(&href))
                    .await
                    .is_ok(),
                None => false,
            };
            message.set(Some((
                false,
                if copied {
                    "Link copied. Anyone who opens it sees this model and picture.".into()
                } else {
                    "Copy the link below (the clipboard is not available here).".into()
                },
            )));
        });
    };
    view! {
        <div class="share">
            <button type="button" on:click=share>"Share link"</button>
            {move || {
                message
                    .get()
                    .map(|(error, text)| {
                        if error {
                            view! { <p role="alert" class="error">{text}</p> }.into_any()
                        } else {
                            view! { <p role="status" class="notice" data-testid="share-status">{text}</p> }.into_any()
                        }
                    })
            }}
            {move || {
                link.get()
                    .map(|href| {
                        view! {
                            <input
                                class="share-url"
                                type="text"
                                readonly
                                aria-label="Link"
                                prop:value=href
                                on:focus=move |ev| {
                                    use wasm_bindgen::JsCast;
                                    if let Some(i) = ev
                                        .target()
                                        .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
                                    {
                                        i.select();
                                    }
                                }
                            />
                        }
                    })
            }}
        </div>
    }
}
