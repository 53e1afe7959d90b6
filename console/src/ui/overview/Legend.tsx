export function Legend() {
  return (
    <span className="oc-legend">
      <i className="oc-tone-serving" />
      办理中
      <i className="oc-tone-idle" />
      空闲
      <i className="oc-tone-paused" />
      暂停
      <i className="oc-tone-closed" />
      未开放
    </span>
  );
}
