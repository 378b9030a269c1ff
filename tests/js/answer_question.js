(form, [action, value]) => {
  const submit = () => form.querySelector("button[type=submit]").click();
  if (action === "choose") { form.querySelector(`input[type=radio][value="${value}"]`).click(); submit(); }
  else if (action === "unknown") form.querySelector("button.tool-unknown").click();
  else if (action === "date") {
    const [y, m, d] = value.split("-");
    form.querySelector("[name=day]").value = String(+d);
    form.querySelector("[name=month]").value = String(+m);
    form.querySelector("[name=year]").value = y;
    submit();
  } else if (action === "number") { form.querySelector("[name=number]").value = String(value); submit(); }
}
